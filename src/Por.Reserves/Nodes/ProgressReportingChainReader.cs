// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>
/// Wraps a node reader and reports each call as progress of the "node reads" stage, with a detail naming the chain and
/// the call ("eth-mainnet: eth_getBalance ×3"). It forwards every call unchanged (same queries, same batching, same
/// results and exceptions) and never reports an address, a token or a balance.
/// </summary>
public class ProgressReportingChainReader : IChainBalanceReader
{
    private readonly IChainBalanceReader _inner;
    private readonly NodeReadCounter _counter;

    private protected ProgressReportingChainReader(string chain, IChainBalanceReader inner, NodeReadCounter counter)
    {
        Chain = chain;
        _inner = inner;
        _counter = counter;
    }

    /// <inheritdoc/>
    public ChainFamily Family => _inner.Family;

    /// <inheritdoc/>
    public bool CanReadPastBlocks => _inner.CanReadPastBlocks;

    private protected string Chain { get; }

    private protected NodeReadCounter Counter => _counter;

    /// <summary>Wraps every reader of <paramref name="nodes"/> so that all of them count into one "node reads" stage; an
    /// EVM reader that also reads contract wallets stays one.</summary>
    /// <param name="nodes">Readers by chain name.</param>
    /// <param name="progress">Where to report.</param>
    /// <returns>The wrapped readers, by the same names.</returns>
    public static IReadOnlyDictionary<string, IChainBalanceReader> WrapAll(IReadOnlyDictionary<string, IChainBalanceReader> nodes, IProgress<WorkProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(progress);
        var counter = new NodeReadCounter(progress);
        var wrapped = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal);
        foreach (var (chain, node) in nodes)
        {
            wrapped[chain] = node is IEvmContractWalletReader contracts
                ? new ProgressReportingEvmReader(chain, node, contracts, counter)
                : new ProgressReportingChainReader(chain, node, counter);
        }

        return wrapped;
    }

    /// <inheritdoc/>
    public Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) =>
        _counter.CallAsync(Detail(Family == ChainFamily.Evm ? "eth_chainId" : "chain identity"), () => _inner.ReadIdentityAsync(cancellationToken));

    /// <inheritdoc/>
    public Task<long> ReadTipHeightAsync(CancellationToken cancellationToken) =>
        _counter.CallAsync(Detail(Family == ChainFamily.Evm ? "eth_blockNumber" : "tip height"), () => _inner.ReadTipHeightAsync(cancellationToken));

    /// <inheritdoc/>
    public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) =>
        _counter.CallAsync(Detail(Family == ChainFamily.Evm ? "eth_call decimals()" : "token decimals"), () => _inner.ReadTokenDecimalsAsync(token, snapshot, cancellationToken));

    /// <inheritdoc/>
    public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return _counter.CallAsync(Detail(DescribeBalances(Family, queries)), () => _inner.ReadAsync(queries, cancellationToken));
    }

    /// <summary>What a balance read asks: on EVM by JSON-RPC method, elsewhere by count.</summary>
    /// <param name="family">The chain family.</param>
    /// <param name="queries">The queries.</param>
    /// <returns>"eth_getBalance ×2, eth_call balanceOf ×1" or "balances of 3 wallets".</returns>
    internal static string DescribeBalances(ChainFamily family, IReadOnlyList<BalanceQuery> queries)
    {
        if (family != ChainFamily.Evm)
        {
            return queries.Count == 1 ? "balance of 1 wallet" : $"balances of {queries.Count} wallets";
        }

        var native = queries.Count(q => q.Token is null);
        var tokens = queries.Count - native;
        var parts = new List<string>(2);
        if (native > 0)
        {
            parts.Add($"eth_getBalance ×{native}");
        }

        if (tokens > 0)
        {
            parts.Add($"eth_call balanceOf ×{tokens}");
        }

        return parts.Count == 0 ? "no balances" : string.Join(", ", parts);
    }

    private protected string Detail(string call) => Chain + ": " + call;
}
