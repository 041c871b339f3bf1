// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Registry;

namespace Por.Tokens.Reserves;

/// <summary>What one reserve source needs to know about the evaluation it serves.</summary>
/// <param name="TokenId">The token's id in the supply registry (statements and ownership challenges must name it).</param>
/// <param name="TokenDecimals">The token's canonical decimals: every amount is scaled to these base units (down rounds down).</param>
/// <param name="EvaluatedAt">The evaluation time (UTC): freshness is judged against it.</param>
/// <param name="Pin">The finalized block the evaluation read the source's EVM chain's supply at, or null: EVM sources
/// then read at that same block; without one they read at tip − confirmations + 1.</param>
public sealed record SourceReadContext(string TokenId, int TokenDecimals, DateTimeOffset EvaluatedAt, PinnedBlock? Pin = null);
