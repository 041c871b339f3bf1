// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Window;

/// <summary>A verified row whose balance is followed across the window.</summary>
/// <param name="RowIndex">Index of the declaration row.</param>
/// <param name="Address">The address.</param>
/// <param name="Token">Token contract, or null for the native coin.</param>
/// <param name="SnapshotBalance">The balance read at the snapshot block.</param>
public sealed record WindowTarget(int RowIndex, string Address, string? Token, UInt128 SnapshotBalance);
