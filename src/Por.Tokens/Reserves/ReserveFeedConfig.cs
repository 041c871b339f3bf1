// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>A <c>reserve_feed</c> source: a Chainlink-compatible feed read by <c>eth_call</c> at a pinned block.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Chain">The registry chain whose node is read.</param>
/// <param name="Address">The feed (aggregator or proxy) contract.</param>
/// <param name="Decimals">The feed's decimals as declared: a claim checked against <c>decimals()</c>.</param>
/// <param name="HeartbeatSeconds">The feed's heartbeat.</param>
/// <param name="GraceSeconds">Extra age tolerated beyond the heartbeat.</param>
/// <param name="Confirmations">The confirmation depth N ≥ 1 of the block read (tip − N + 1).</param>
public sealed record ReserveFeedConfig(string Id, string Chain, string Address, int Decimals, long HeartbeatSeconds, long GraceSeconds, int Confirmations)
    : ReserveSourceConfig(Id, ReserveSourceKinds.ReserveFeed);
