// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>
/// Where to look for borrowed reserves around a chain's snapshot: balances are also read at
/// <see cref="SamplesEachSide"/> evenly spaced blocks in [H − <see cref="BlocksBefore"/>, H) and in
/// (H, H + <see cref="BlocksAfter"/>].
/// </summary>
/// <param name="BlocksBefore">Window length before the snapshot, in blocks (slots on Solana).</param>
/// <param name="BlocksAfter">Window length after the snapshot, in blocks.</param>
/// <param name="SamplesEachSide">Sampled blocks on each side (the window's ends included).</param>
/// <param name="FlagShareBasisPoints">A round trip is flagged when the balance both before and after the snapshot falls
/// below the snapshot balance by at least this share (basis points of the snapshot balance).</param>
public sealed record WindowPolicy(long BlocksBefore, long BlocksAfter, int SamplesEachSide, int FlagShareBasisPoints);
