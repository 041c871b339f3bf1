// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>The <c>kind</c> values of the registry's <c>reserves</c> elements (docs/token-por.md "Reserve sources").</summary>
public static class ReserveSourceKinds
{
    /// <summary>BTC held at custody addresses, read from Bitcoin Core or Esplora with a confirmation depth.</summary>
    public const string BtcCustody = "btc_custody";

    /// <summary>Native or ERC-20 balances at EVM custody addresses, read at a block pinned by hash.</summary>
    public const string EvmCustody = "evm_custody";

    /// <summary>A Chainlink-compatible reserve feed (<c>latestRoundData</c>, <c>decimals</c>).</summary>
    public const string ReserveFeed = "reserve_feed";

    /// <summary>A signed custodian or accountant statement (por-reserve-statement/1).</summary>
    public const string SignedStatement = "signed_statement";

    /// <summary>Every kind, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [BtcCustody, EvmCustody, ReserveFeed, SignedStatement];
}
