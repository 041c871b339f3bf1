// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Window;

/// <summary>A balance read at one height of the window.</summary>
/// <param name="Height">Block height (slot on Solana).</param>
/// <param name="Balance">Balance in base units at that height.</param>
public sealed record WindowSample(long Height, UInt128 Balance);
