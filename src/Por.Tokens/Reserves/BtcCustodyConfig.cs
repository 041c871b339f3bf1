// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Bitcoin;

namespace Por.Tokens.Reserves;

/// <summary>A <c>btc_custody</c> source: BTC at custody addresses, counted at the block <c>confirmations</c> deep.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Chain">The registry chain whose node is read.</param>
/// <param name="Network">The address network (bitcoin, bitcoin-testnet, litecoin, dogecoin).</param>
/// <param name="Confirmations">The confirmation depth N ≥ 1: the source reads the block at tip − N + 1.</param>
/// <param name="MaxAgeSeconds">The oldest the read block may be at the evaluation time.</param>
/// <param name="Addresses">The custody addresses.</param>
/// <param name="Period">The period ownership proofs are signed for; required when any address has a proof.</param>
public sealed record BtcCustodyConfig(string Id, string Chain, BitcoinNetwork Network, int Confirmations, long MaxAgeSeconds, IReadOnlyList<CustodyAddress> Addresses, OwnershipPeriod? Period)
    : ReserveSourceConfig(Id, ReserveSourceKinds.BtcCustody);
