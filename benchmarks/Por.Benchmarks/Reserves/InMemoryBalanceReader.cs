// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Benchmarks.Reserves;

/// <summary>Balances from memory, so benchmarks measure verification, not a node.</summary>
internal sealed class InMemoryBalanceReader(ChainIdentity identity, IReadOnlyDictionary<string, UInt128> balances) : IChainBalanceReader
{
    public ChainFamily Family => identity.Family;

    public bool CanReadPastBlocks => true;

    public Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(identity);

    public Task<long> ReadTipHeightAsync(CancellationToken cancellationToken) => Task.FromResult(long.MaxValue);

    public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) =>
        throw new NodeException(NodeFailureKind.Protocol, "the benchmark declares no tokens");

    public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        IReadOnlyList<BalanceReading> readings = [.. queries.Select(q => new BalanceReading(q.RowIndex, balances[q.Address], null, q.BlockHash))];
        return Task.FromResult(readings);
    }
}
