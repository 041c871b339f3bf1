// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>One balance to read at a block.</summary>
/// <param name="RowIndex">Index of the declaration row.</param>
/// <param name="Address">The address.</param>
/// <param name="Token">Token contract, or null for the native asset.</param>
/// <param name="Height">Block height (slot on Solana).</param>
/// <param name="BlockHash">The pinned block hash at that height (the round's snapshot), or null for window samples,
/// which the reader pins to the hash the node reports for the height.</param>
public sealed record BalanceQuery(int RowIndex, string Address, string? Token, long Height, string? BlockHash);
