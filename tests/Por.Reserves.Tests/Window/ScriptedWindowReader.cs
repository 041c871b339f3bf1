// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests.Window;

/// <summary>A scripted chain whose balances depend on the height: <see cref="Balance"/> answers (address, token,
/// height), null meaning the node cannot read that balance. Records every batch it was asked.</summary>
internal sealed class ScriptedWindowReader(ChainIdentity identity, Func<string, string?, long, UInt128?> balance) : IChainBalanceReader
{
    public Func<string, string?, long, UInt128?> Balance { get; } = balance;

    public ChainFamily Family => identity.Family;

    public bool CanReadPastBlocks { get; init; } = true;

    public long Tip { get; init; } = long.MaxValue;

    /// <summary>A window height at which the node fails for every query, or null.</summary>
    public long? FailAtHeight { get; init; }

    /// <summary>Throw when the tip is asked.</summary>
    public bool FailTip { get; init; }

    public List<IReadOnlyList<BalanceQuery>> Batches { get; } = [];

    public Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(identity);

    public Task<long> ReadTipHeightAsync(CancellationToken cancellationToken) =>
        FailTip ? throw new NodeException(NodeFailureKind.Unreachable, "tip unavailable") : Task.FromResult(Tip);

    public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(6);

    public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        Batches.Add(queries);
        if (queries.Any(q => q.Height == FailAtHeight))
        {
            throw new NodeException(NodeFailureKind.Unreachable, "connection refused");
        }

        if (queries.Any(q => q.Height > Tip))
        {
            throw new InvalidOperationException($"asked for height {queries.Max(q => q.Height)} beyond the tip {Tip}");
        }

        IReadOnlyList<BalanceReading> readings = [.. queries.Select(q => Balance(q.Address, q.Token, q.Height) is { } amount
            ? new BalanceReading(q.RowIndex, amount, null, q.BlockHash)
            : new BalanceReading(q.RowIndex, null, "no such account", q.BlockHash))];
        return Task.FromResult(readings);
    }
}
