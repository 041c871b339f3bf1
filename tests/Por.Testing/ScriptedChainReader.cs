// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Testing;

/// <summary>A scripted chain reader: an identity, fixed balances by address at any block, token decimals, or a node
/// failure; shared by the reserves, CLI tests and the reserves benchmark, so they measure and test the verifier, not a node.</summary>
public sealed class ScriptedChainReader(ChainIdentity identity, IReadOnlyDictionary<string, UInt128> balances, NodeException? failure = null) : IChainBalanceReader
{
    public ChainFamily Family => identity.Family;

    public bool CanReadPastBlocks => true;

    public int Calls { get; private set; }

    public Dictionary<string, int> TokenDecimals { get; } = new(StringComparer.OrdinalIgnoreCase);

    public long Tip { get; init; } = long.MaxValue;

    public Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(identity);

    public Task<long> ReadTipHeightAsync(CancellationToken cancellationToken) => Task.FromResult(Tip);

    public NodeFailureKind? DecimalsFailure { get; init; }

    public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) =>
        DecimalsFailure is { } kind ? throw new NodeException(kind, "scripted decimals failure")
        : TokenDecimals.TryGetValue(token, out var decimals) ? Task.FromResult(decimals) : throw new NodeException(NodeFailureKind.Protocol, $"no token {token}");

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
