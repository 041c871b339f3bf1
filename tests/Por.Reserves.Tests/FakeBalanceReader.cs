// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;

namespace Por.Reserves.Tests;

/// <summary>A scripted balance reader: fixed balances by address, or a node failure.</summary>
internal sealed class FakeBalanceReader(string nativeAsset, IReadOnlyDictionary<string, UInt128> balances, NodeException? failure = null) : IChainBalanceReader
{
    public string NativeAsset { get; } = nativeAsset;

    public int Calls { get; private set; }

    public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        Calls++;
        if (failure is not null)
        {
            throw failure;
        }

        IReadOnlyList<BalanceReading> readings = [.. queries.Select(q => balances.TryGetValue(q.Address, out var amount)
            ? new BalanceReading(q.RowIndex, amount, null, q.BlockHash)
            : new BalanceReading(q.RowIndex, null, "unknown address", q.BlockHash))];
        return Task.FromResult(readings);
    }
}
