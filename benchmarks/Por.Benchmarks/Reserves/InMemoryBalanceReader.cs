// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;

namespace Por.Benchmarks.Reserves;

/// <summary>Balances from memory, so benchmarks measure verification, not a node.</summary>
internal sealed class InMemoryBalanceReader(string nativeAsset, IReadOnlyDictionary<string, UInt128> balances) : IChainBalanceReader
{
    public string NativeAsset { get; } = nativeAsset;

    public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        IReadOnlyList<BalanceReading> readings = [.. queries.Select(q => new BalanceReading(q.RowIndex, balances[q.Address], null, q.BlockHash))];
        return Task.FromResult(readings);
    }
}
