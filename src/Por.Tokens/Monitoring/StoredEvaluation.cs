// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>An evaluation read back from the history.</summary>
/// <param name="Slot">Its slot.</param>
/// <param name="Evaluation">The evaluation, exact.</param>
/// <param name="Detail">Why the evaluator failed, or null.</param>
public sealed record StoredEvaluation(MonitorSlot Slot, TokenEvaluation Evaluation, string? Detail);
