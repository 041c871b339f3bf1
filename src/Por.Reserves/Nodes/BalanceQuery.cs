// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>One balance to read at a snapshot.</summary>
/// <param name="RowIndex">Index of the declaration row.</param>
/// <param name="Address">The address.</param>
/// <param name="Token">Token contract, or null for the native asset.</param>
/// <param name="Height">Snapshot height.</param>
/// <param name="BlockHash">Declared snapshot block hash, or null when the declaration has none.</param>
public sealed record BalanceQuery(int RowIndex, string Address, string? Token, long Height, string? BlockHash);
