// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>Everything one slot's evaluation stores, in one transaction.</summary>
/// <param name="Slot">The slot (unique per token).</param>
/// <param name="Evaluation">The evaluation (an empty, evidence-failed one when the evaluator failed).</param>
/// <param name="Detail">Why the evaluator failed, or null.</param>
/// <param name="Observations">Decimals and owners read at this evaluation.</param>
/// <param name="Mints">Mints found since the last evaluation.</param>
/// <param name="Scans">How far each deployment's mint logs are now read.</param>
/// <param name="Alerts">The alerts raised.</param>
/// <param name="Conditions">The conditions active after this evaluation (replacing the previous set).</param>
/// <param name="Deliver">Whether the alerts go to a webhook (stored as pending in the outbox) or not (stored as not delivered).</param>
public sealed record MonitorRecord(
    MonitorSlot Slot,
    TokenEvaluation Evaluation,
    string? Detail,
    IReadOnlyList<ContractObservation> Observations,
    IReadOnlyList<MintEvent> Mints,
    IReadOnlyList<MintScan> Scans,
    IReadOnlyList<TokenAlert> Alerts,
    IReadOnlyList<AlertCondition> Conditions,
    bool Deliver);
