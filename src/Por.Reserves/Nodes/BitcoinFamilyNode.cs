// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Bitcoin;
using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>
/// What every Bitcoin-family reader shares: the address network, the genesis the node must report at height 0 (its
/// identity), balances at any past block, and no token contracts.
/// </summary>
public abstract class BitcoinFamilyNode : IChainBalanceReader
{
    /// <summary>Creates a reader.</summary>
    /// <param name="network">The network whose addresses the rows use.</param>
    /// <param name="genesis">Genesis block hash (hex) the node must report at height 0.</param>
    protected BitcoinFamilyNode(BitcoinNetwork network, string genesis)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        ExpectedGenesis = ChainIdentity.Genesis(ChainFamily.Bitcoin, genesis ?? throw new ArgumentNullException(nameof(genesis)));
    }

    /// <inheritdoc/>
    public ChainFamily Family => ChainFamily.Bitcoin;

    /// <inheritdoc/>
    public bool CanReadPastBlocks => true;

    /// <summary>The address network.</summary>
    protected BitcoinNetwork Network { get; }

    /// <summary>The identity the node must report.</summary>
    protected ChainIdentity ExpectedGenesis { get; }

    /// <inheritdoc/>
    public async Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) =>
        ChainIdentity.Genesis(ChainFamily.Bitcoin, await BlockHashAsync(0, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) =>
        throw new NodeException(NodeFailureKind.Protocol, "Bitcoin-family chains have no token contracts");

    /// <inheritdoc/>
    public abstract Task<long> ReadTipHeightAsync(CancellationToken cancellationToken);

    /// <inheritdoc/>
    public abstract Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken);

    /// <summary>The lowercase hex hash of the block at a height on the node's active chain.</summary>
    /// <param name="height">The height.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="NodeException">The node failed or has no such block.</exception>
    protected abstract Task<string> BlockHashAsync(long height, CancellationToken cancellationToken);
}
