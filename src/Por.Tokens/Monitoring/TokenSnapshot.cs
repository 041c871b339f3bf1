// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>The latest stored evaluation of a token as the HTTP endpoints see it.</summary>
/// <param name="Stored">The stored evaluation.</param>
public sealed record TokenSnapshot(StoredEvaluation Stored);
