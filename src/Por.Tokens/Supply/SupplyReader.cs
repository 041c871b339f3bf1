// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Tokens.Supply;

/// <summary>
/// Reads a token's circulating supply (docs/token-por.md §3): per chain, the finalized block (tip − reorg margin, or
/// the node's <c>finalized</c> block when lower), pinned by hash; per deployment, <c>decimals()</c> (checked against
/// the registry), <c>totalSupply()</c> and the excluded balances at that block, scaled exactly to the canonical
/// decimals; then the conservation rule: the lock-and-mint representations backed by one escrow hold together no more
/// than the escrow's balance at the pinned block of the escrow's chain. Chains are read concurrently. Nothing fails
/// silently: a reading that cannot be used carries its <see cref="EvidenceFailure"/>, and the evaluation then reports
/// no ratio.
/// </summary>
public static class SupplyReader
{
    /// <summary>Reads every deployment of <paramref name="token"/>.</summary>
    /// <param name="registry">The registry (chains).</param>
    /// <param name="token">The token.</param>
    /// <param name="nodes">The node transports.</param>
    /// <param name="previousPins">
    /// The blocks a previous evaluation pinned, by chain, or null: a block that was final then must still be on the
    /// chain with the same hash (else the chain reorganised deeper than its margin, and the chain's readings fail
    /// with <see cref="EvidenceFailure.Mismatch"/>).
    /// </param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The readings and the pins.</returns>
    public static async Task<SupplyResult> ReadAsync(
        TokenRegistry registry, TokenDefinition token, ChainNodes nodes, IReadOnlyDictionary<string, PinnedBlock>? previousPins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(nodes);
        var chainNames = token.Deployments.Select(d => d.Chain).Distinct(StringComparer.Ordinal).ToList();
        var tasks = chainNames.Select(name => ReadChainAsync(registry.Chains[name], token, new EvmTokenNode(nodes.Transport(name)), previousPins, cancellationToken)).ToList();
        var chains = (await Task.WhenAll(tasks).ConfigureAwait(false)).ToDictionary(c => c.Chain, StringComparer.Ordinal);

        var readings = new List<SupplyReading>();
        foreach (var deployment in token.Deployments)
        {
            readings.Add(chains[deployment.Chain].Readings[deployment.Id]);
        }

        ApplyConservation(token, chains, readings);
        var pins = chains.Values.Where(c => c.Pin is not null).ToDictionary(c => c.Chain, c => c.Pin!, StringComparer.Ordinal);
        return new SupplyResult(readings, pins);
    }

    /// <summary>
    /// Scales <paramref name="raw"/> base units of <paramref name="from"/> decimals to <paramref name="to"/> decimals
    /// exactly: up always; down only when no unit is lost.
    /// </summary>
    /// <param name="raw">The amount.</param>
    /// <param name="from">Its decimals.</param>
    /// <param name="to">The target decimals.</param>
    /// <param name="scaled">The scaled amount when exact.</param>
    /// <returns>False when scaling down would drop a non-zero remainder.</returns>
    public static bool TryScaleExact(BigInteger raw, int from, int to, out BigInteger scaled)
    {
        if (from <= to)
        {
            scaled = raw * BigInteger.Pow(10, to - from);
            return true;
        }

        scaled = BigInteger.DivRem(raw, BigInteger.Pow(10, from - to), out var remainder);
        return remainder.IsZero;
    }

    private static async Task<ChainRead> ReadChainAsync(
        TokenChain chain, TokenDefinition token, EvmTokenNode node, IReadOnlyDictionary<string, PinnedBlock>? previousPins, CancellationToken cancellationToken)
    {
        var deployments = token.Deployments.Where(d => string.Equals(d.Chain, chain.Name, StringComparison.Ordinal)).ToList();
        var read = new ChainRead(chain.Name);
        PinnedBlock? pin = null;
        try
        {
            pin = await PinAsync(chain, node, previousPins, cancellationToken).ConfigureAwait(false);
            read.Pin = pin;
            foreach (var deployment in deployments)
            {
                read.Readings[deployment.Id] = await ReadDeploymentAsync(token, deployment, node, pin, cancellationToken).ConfigureAwait(false);
            }

            // Escrow balances held on this chain, for the representations they back.
            foreach (var escrow in token.Deployments.Where(d => d.Escrow is not null).Select(d => d.Escrow!).Distinct())
            {
                var backing = token.Deployment(escrow.Deployment)!;
                if (!string.Equals(backing.Chain, chain.Name, StringComparison.Ordinal))
                {
                    continue;
                }

                if (read.Readings[backing.Id].Failure != EvidenceFailure.None)
                {
                    read.Escrows[escrow] = (null, $"the escrow's deployment '{backing.Id}' could not be read");
                    continue;
                }

                var raw = await node.BalanceOfAsync(backing.Contract, escrow.Address, pin, cancellationToken).ConfigureAwait(false);
                read.Escrows[escrow] = TryScaleExact(raw, backing.Decimals, token.Decimals, out var scaled)
                    ? (scaled, $"escrow {escrow.Address} holds {raw} base units of '{backing.Id}' at {chain.Name} block {pin.Height}")
                    : (null, $"escrow balance {raw} of '{backing.Id}' cannot be expressed in {token.Decimals} decimals without losing units");
            }

            // The pin must still hold after the reads: the block at the height still has the pinned hash.
            var again = await node.BlockAsync(chain.Name, pin.Height, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(again.Hash, pin.Hash, StringComparison.Ordinal))
            {
                throw new PinException($"block {pin.Height} changed from {pin.Hash} to {again.Hash} while it was read: the chain reorganised below its reorg margin of {chain.ReorgMargin}");
            }
        }
        catch (Exception e) when (e is NodeException or PinException)
        {
            var (failure, detail) = e switch
            {
                PinException => (EvidenceFailure.Mismatch, e.Message),
                NodeException { Kind: NodeFailureKind.WrongChain or NodeFailureKind.BlockMismatch } => (EvidenceFailure.Mismatch, e.Message),
                _ => (EvidenceFailure.NodeFault, $"node {node.Endpoint} failed: {e.Message}"),
            };
            foreach (var deployment in deployments)
            {
                read.Readings[deployment.Id] = Failed(deployment, pin, failure, detail);
            }

            foreach (var escrow in read.Escrows.Keys.ToList())
            {
                read.Escrows[escrow] = (null, detail);
            }

            foreach (var escrow in token.Deployments.Where(d => d.Escrow is not null).Select(d => d.Escrow!))
            {
                if (string.Equals(token.Deployment(escrow.Deployment)!.Chain, chain.Name, StringComparison.Ordinal))
                {
                    read.Escrows[escrow] = (null, $"the escrow's chain '{chain.Name}' could not be read: {detail}");
                }
            }
        }

        return read;
    }

    private static async Task<PinnedBlock> PinAsync(TokenChain chain, EvmTokenNode node, IReadOnlyDictionary<string, PinnedBlock>? previousPins, CancellationToken cancellationToken)
    {
        var chainId = await node.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != chain.ChainId)
        {
            throw new PinException($"node {node.Endpoint} reports chain id {chainId}; the registry declares {chain.ChainId} for '{chain.Name}'");
        }

        var tip = await node.TipAsync(cancellationToken).ConfigureAwait(false);
        if (tip < chain.ReorgMargin)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the tip is block {tip}, below the reorg margin of {chain.ReorgMargin}: no block is final yet");
        }

        var height = tip - chain.ReorgMargin;
        if (chain.UseFinalizedTag)
        {
            var finalized = await node.FinalizedAsync(chain.Name, cancellationToken).ConfigureAwait(false);
            height = Math.Min(height, finalized.Height);
        }

        var pin = await node.BlockAsync(chain.Name, height, cancellationToken).ConfigureAwait(false);
        if (previousPins is not null && previousPins.TryGetValue(chain.Name, out var previous))
        {
            if (pin.Height < previous.Height)
            {
                throw new PinException($"the finalized block went back from {previous.Height} to {pin.Height}: the node lags or the chain reorganised deeper than its margin");
            }

            var then = await node.BlockAsync(chain.Name, previous.Height, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(then.Hash, previous.Hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new PinException($"block {previous.Height}, final at the previous evaluation as {previous.Hash}, is now {then.Hash}: the chain reorganised deeper than its reorg margin of {chain.ReorgMargin}");
            }
        }

        return pin;
    }

    private static async Task<SupplyReading> ReadDeploymentAsync(TokenDefinition token, TokenDeployment deployment, EvmTokenNode node, PinnedBlock pin, CancellationToken cancellationToken)
    {
        int decimals;
        try
        {
            decimals = await node.DecimalsAsync(deployment.Contract, pin, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException e) when (e.Kind == NodeFailureKind.Protocol && e.Message.Contains("not one 32-byte word", StringComparison.Ordinal))
        {
            return Failed(deployment, pin, EvidenceFailure.Mismatch, e.Message);
        }

        if (decimals != deployment.Decimals)
        {
            return Failed(deployment, pin, EvidenceFailure.Mismatch, $"decimals() of {deployment.Contract} on {deployment.Chain} is {decimals} at block {pin.Height}; the registry declares {deployment.Decimals}");
        }

        var rawSupply = await node.TotalSupplyAsync(deployment.Contract, pin, cancellationToken).ConfigureAwait(false);
        if (!TryScaleExact(rawSupply, deployment.Decimals, token.Decimals, out var supply))
        {
            return Failed(deployment, pin, EvidenceFailure.Mismatch, $"totalSupply {rawSupply} ({deployment.Decimals} decimals) cannot be expressed in {token.Decimals} decimals without losing units");
        }

        var excluded = BigInteger.Zero;
        var exclusions = token.Exclusions.Where(x => string.Equals(x.Deployment, deployment.Id, StringComparison.Ordinal)).ToList();
        foreach (var exclusion in exclusions)
        {
            var raw = await node.BalanceOfAsync(deployment.Contract, exclusion.Address, pin, cancellationToken).ConfigureAwait(false);
            if (!TryScaleExact(raw, deployment.Decimals, token.Decimals, out var scaled))
            {
                return Failed(deployment, pin, EvidenceFailure.Mismatch, $"excluded balance {raw} of {exclusion.Address} cannot be expressed in {token.Decimals} decimals without losing units");
            }

            excluded += scaled;
        }

        if (excluded > supply)
        {
            return Failed(deployment, pin, EvidenceFailure.Mismatch, $"the excluded balances ({excluded}) exceed totalSupply ({supply}): the contract's accounting is inconsistent");
        }

        var counted = deployment.Role == DeploymentRole.LockAndMint ? BigInteger.Zero : supply - excluded;
        var detail = $"totalSupply {rawSupply} at {deployment.Chain} block {pin.Height} {pin.Hash}"
            + (exclusions.Count > 0 ? $", {exclusions.Count} excluded balance(s) {excluded}" : string.Empty)
            + (deployment.Role == DeploymentRole.LockAndMint ? $"; counted 0: a lock-and-mint representation of '{deployment.Escrow!.Deployment}'" : string.Empty);
        return new SupplyReading(deployment.Chain, deployment.Contract, deployment.Role, pin.Height, pin.Hash, pin.Time, supply, excluded, counted, EvidenceFailure.None, detail);
    }

    private static void ApplyConservation(TokenDefinition token, Dictionary<string, ChainRead> chains, List<SupplyReading> readings)
    {
        var representations = token.Deployments.Select((d, i) => (Deployment: d, Index: i)).Where(x => x.Deployment.Escrow is not null).GroupBy(x => x.Deployment.Escrow!);
        foreach (var group in representations)
        {
            var escrow = group.Key;
            var backing = token.Deployment(escrow.Deployment)!;
            var (balance, escrowDetail) = chains[backing.Chain].Escrows.TryGetValue(escrow, out var e) ? e : (null, "the escrow was not read");
            var usable = group.Where(x => readings[x.Index].Failure == EvidenceFailure.None).ToList();
            if (balance is null)
            {
                foreach (var x in usable)
                {
                    readings[x.Index] = readings[x.Index] with { Failure = EvidenceFailure.Incomplete, Detail = $"its escrow {escrow.Address} on '{backing.Id}' could not be checked: {escrowDetail}" };
                }

                continue;
            }

            var total = usable.Aggregate(BigInteger.Zero, (sum, x) => sum + readings[x.Index].TotalSupply);
            if (total > balance.Value)
            {
                var shared = group.Count() > 1 ? $" (together with {group.Count() - 1} other representation(s) of the same escrow: {total})" : string.Empty;
                foreach (var x in usable)
                {
                    readings[x.Index] = readings[x.Index] with
                    {
                        Failure = EvidenceFailure.ConservationViolated,
                        Detail = $"representation supply {readings[x.Index].TotalSupply}{shared} exceeds its escrow: {escrowDetail} = {balance.Value} canonical units; units minted without a lock would be counted twice or unbacked",
                    };
                }
            }
            else
            {
                foreach (var x in usable)
                {
                    readings[x.Index] = readings[x.Index] with { Detail = readings[x.Index].Detail + $"; escrow holds {balance.Value} ≥ {total}" };
                }
            }
        }
    }

    private static SupplyReading Failed(TokenDeployment deployment, PinnedBlock? pin, EvidenceFailure failure, string detail) =>
        new(deployment.Chain, deployment.Contract, deployment.Role, pin?.Height ?? 0, pin?.Hash ?? string.Empty, pin?.Time ?? DateTimeOffset.UnixEpoch, 0, 0, 0, failure, detail);

    private sealed class ChainRead(string chain)
    {
        public string Chain { get; } = chain;

        public PinnedBlock? Pin { get; set; }

        public Dictionary<string, SupplyReading> Readings { get; } = new(StringComparer.Ordinal);

        public Dictionary<EscrowAccount, (BigInteger? Balance, string Detail)> Escrows { get; } = [];
    }

    private sealed class PinException(string message) : Exception(message);
}
