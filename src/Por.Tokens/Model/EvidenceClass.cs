// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Model;

/// <summary>What kind of evidence backs a reserve figure, from strongest to weakest (docs/token-por.md).</summary>
public enum EvidenceClass
{
    /// <summary>Balances read from chain nodes at a pinned block, with ownership proven by signatures.</summary>
    OnChainProvenOwnership,

    /// <summary>Balances read from chain nodes at a pinned block; ownership declared, not proven.</summary>
    OnChainDeclared,

    /// <summary>A signed custodian or accountant statement, checked against a pinned key.</summary>
    SignedStatement,

    /// <summary>A Chainlink-compatible proof-of-reserve feed (<c>latestRoundData</c>), checked against its heartbeat.</summary>
    ReserveFeed,
}
