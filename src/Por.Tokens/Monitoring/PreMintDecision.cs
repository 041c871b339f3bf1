// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>The answer of <c>POST /v1/mint-check</c>.</summary>
/// <param name="Allowed">Whether the mint may proceed.</param>
/// <param name="Code">Why: <c>allowed</c>, <c>no_evaluation</c>, <c>evidence_failed</c>, a <see cref="MintGuard.MintDecision"/> code (<c>exceeds_reserves</c>, <c>stale_feed</c>, …) or <c>needs_second_approval</c>.</param>
/// <param name="Reason">A sentence for people naming the numbers compared.</param>
/// <param name="Slot">The slot of the evaluation used, or null.</param>
/// <param name="EvaluatedAt">When that evaluation ran, or null.</param>
public sealed record PreMintDecision(bool Allowed, string Code, string Reason, string? Slot, DateTimeOffset? EvaluatedAt);
