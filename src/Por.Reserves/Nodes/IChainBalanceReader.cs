// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>Reads balances of one chain at snapshot blocks. Implementations either answer every query or throw
/// <see cref="NodeException"/>; a per-query failure is reported in its <see cref="BalanceReading"/>.</summary>
public interface IChainBalanceReader
{
    /// <summary>The chain's native asset symbol (e.g. "ETH"); rows of other assets need a token contract.</summary>
    string NativeAsset { get; }

    /// <summary>Reads the balances.</summary>
    /// <param name="queries">The queries (one chain).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One reading per query.</returns>
    /// <exception cref="NodeException">The node failed for all queries.</exception>
    Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken);
}
