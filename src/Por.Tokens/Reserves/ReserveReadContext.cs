// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>What a reserve source needs to know about the evaluation it serves.</summary>
/// <param name="TokenId">The token's id in the supply registry (statements and ownership challenges must name it).</param>
/// <param name="TokenDecimals">The token's canonical decimals: every amount is scaled to these base units (down rounds down).</param>
/// <param name="EvaluatedAt">The evaluation time (UTC): freshness is judged against it.</param>
public sealed record ReserveReadContext(string TokenId, int TokenDecimals, DateTimeOffset EvaluatedAt);
