// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>Reads one chain: its identity, balances at pinned blocks, token decimals. Implementations either answer
/// every query or throw <see cref="NodeException"/>; a per-query failure is reported in its <see cref="BalanceReading"/>.</summary>
public interface IChainBalanceReader
{
    /// <summary>The chain family this reader speaks.</summary>
    ChainFamily Family { get; }

    /// <summary>True when balances can be read at blocks other than a snapshot the node is held at (needed for the
    /// borrowed-reserves window); false for chains whose APIs answer only at the node's current head.</summary>
    bool CanReadPastBlocks { get; }

    /// <summary>Asks the node which chain it serves (EVM <c>eth_chainId</c>; genesis hash or id otherwise).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The identity the node reports.</returns>
    /// <exception cref="NodeException">The node failed.</exception>
    Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken);

    /// <summary>The node's current head height (slot on Solana).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The height.</returns>
    /// <exception cref="NodeException">The node failed.</exception>
    Task<long> ReadTipHeightAsync(CancellationToken cancellationToken);

    /// <summary>Reads a token contract's decimals at the snapshot block.</summary>
    /// <param name="token">The token contract (or mint).</param>
    /// <param name="snapshot">The snapshot block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The decimals.</returns>
    /// <exception cref="NodeException">The node failed, the chain has no tokens, or the contract does not answer as a token.</exception>
    Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Reads the balances.</summary>
    /// <param name="queries">The queries (one chain).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One reading per query.</returns>
    /// <exception cref="NodeException">The node failed for all queries.</exception>
    Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken);
}
