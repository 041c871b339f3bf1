// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>The balance of one row at the snapshot, or why it could not be read.</summary>
/// <param name="RowIndex">Index of the declaration row.</param>
/// <param name="Amount">Balance in base units, or null on failure.</param>
/// <param name="Failure">Why the balance is unknown, or null.</param>
/// <param name="BlockHash">The block hash the balance was read at (as confirmed by the node).</param>
public sealed record BalanceReading(int RowIndex, UInt128? Amount, string? Failure, string? BlockHash);
