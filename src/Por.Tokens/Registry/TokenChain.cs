// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Bitcoin;
using Por.Reserves.Registry;

namespace Por.Tokens.Registry;

/// <summary>A chain of the token registry: its identity (a claim checked against the node), finality rule and node.</summary>
/// <param name="Name">The chain's name in the registry.</param>
/// <param name="Family">EVM or Bitcoin.</param>
/// <param name="ChainId">The EVM chain id (eth_chainId must report it); null for Bitcoin.</param>
/// <param name="Network">The Bitcoin network; null for EVM.</param>
/// <param name="Genesis">The Bitcoin genesis block hash (lower-case hex); null for EVM.</param>
/// <param name="ReorgMargin">Blocks below the tip that are treated as final (EVM: read at tip − margin; Bitcoin: confirmations).</param>
/// <param name="UseFinalizedTag">EVM only: also ask the node for its <c>finalized</c> block and read at the lower of the two.</param>
/// <param name="Node">How to reach the operator's node (configuration, not a claim).</param>
public sealed record TokenChain(
    string Name,
    ChainFamily Family,
    long? ChainId,
    BitcoinNetwork? Network,
    string? Genesis,
    long ReorgMargin,
    bool UseFinalizedTag,
    NodeEndpoint Node);
