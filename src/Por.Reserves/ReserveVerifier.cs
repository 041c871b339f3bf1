// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Reserves.Registry;
using Por.Reserves.Window;

namespace Por.Reserves;

/// <summary>
/// Verifies a declaration against the round's pinned registry. Per row: the chain, the asset with its native coin or
/// token contract, the decimals and the snapshot block must be the registry's; the message must be the round's
/// challenge (or the static-message flag is set); ownership must be proven by the row's one scheme; the node must
/// serve the registry's chain (chain id or genesis), a token's decimals read at the snapshot must be the registry's,
/// and the balance at the snapshot block must cover the claim. An address counts once per asset and chain. Node
/// failures fail every row they affect; totals only ever include fully verified rows.
/// </summary>
public sealed class ReserveVerifier
{
    private readonly ReserveRegistry _registry;
    private readonly IReadOnlyDictionary<string, IChainBalanceReader> _nodes;
    private readonly ReserveVerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="registry">The round's registry, pinned by the verifier.</param>
    /// <param name="nodes">Readers by chain name (may be empty: then every balance check fails).</param>
    /// <param name="options">Policy.</param>
    public ReserveVerifier(ReserveRegistry registry, IReadOnlyDictionary<string, IChainBalanceReader> nodes, ReserveVerifierOptions options)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        ArgumentNullException.ThrowIfNull(nodes);
        _options = options ?? throw new ArgumentNullException(nameof(options));

        // Progress wraps the readers: each node call is reported, and forwarded unchanged.
        _nodes = options.Progress is { } progress ? ProgressReportingChainReader.WrapAll(nodes, progress) : nodes;
    }

    /// <summary>Verifies every row.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">The declaration has no rows or is for another round than the registry.</exception>
    public async Task<ReserveVerificationResult> VerifyAsync(ReserveDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var rows = declaration.Rows;
        if (rows.Count == 0)
        {
            throw new InputException(declaration.SourcePath, 0, "rows", "the declaration lists no wallet: there is nothing to verify");
        }

        if (!string.Equals(declaration.Round, _registry.Round, StringComparison.Ordinal))
        {
            throw new InputException(declaration.SourcePath, 0, "round", $"'{declaration.Round}', but the registry is for round '{_registry.Round}'");
        }

        var count = rows.Count;
        var registryFailures = new (RowFailure Failure, string Reason)?[count];
        for (var i = 0; i < count; i++)
        {
            registryFailures[i] = CheckAgainstRegistry(rows[i]);
        }

        var chainStatus = await CheckChainsAsync(rows, registryFailures, cancellationToken).ConfigureAwait(false);
        var (ownership, replayable) = await VerifyOwnershipAsync(declaration, registryFailures, chainStatus, cancellationToken).ConfigureAwait(false);
        var duplicates = FindDuplicates(rows);
        var (balances, balanceFailures) = await ReadBalancesAsync(rows, ownership, registryFailures, chainStatus, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<RowOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            var chainFailure = registryFailures[i] is null && chainStatus.TryGetValue(rows[i].Chain, out var status) ? status.FailureFor(rows[i]) : null;
            outcomes.Add(Decide(i, rows[i], registryFailures[i] ?? chainFailure, ownership[i], balances[i], balanceFailures[i], duplicates.Contains(i), replayable[i]));
        }

        await ObserveWindowsAsync(outcomes, cancellationToken).ConfigureAwait(false);

        return new ReserveVerificationResult(declaration.Custodian, declaration.Round, declaration.SourcePath, outcomes, Totals(outcomes, declaration.SourcePath))
        {
            RegistrySha256 = _registry.Sha256,
            Network = _registry.Network,
        };
    }

    // The registry decides what may count; a row outside it fails before any signature or node is touched.
    private (RowFailure Failure, string Reason)? CheckAgainstRegistry(ReserveRow row)
    {
        if (!_registry.Chains.TryGetValue(row.Chain, out var chain))
        {
            return (RowFailure.NotInRegistry, $"chain '{row.Chain}' is not in the round's registry");
        }

        if (!_registry.Assets.TryGetValue(row.Asset, out var asset))
        {
            return (RowFailure.NotInRegistry, $"asset {row.Asset} is not in the round's registry");
        }

        if (_registry.FindHolding(row.Asset, row.Chain, row.Token) is null)
        {
            var listed = asset.Holdings.Where(h => string.Equals(h.Chain, row.Chain, StringComparison.Ordinal)).Select(h => h.Contract ?? "the native coin").ToList();
            return (RowFailure.NotInRegistry, listed.Count == 0
                ? $"{row.Asset} does not count on '{row.Chain}' in the round's registry"
                : $"{row.Asset} on '{row.Chain}' counts only as {string.Join(", ", listed)}, not {row.Token ?? "the native coin"}");
        }

        // An EIP-712 signature's domain names a chain: it must be the registry's, or the signature is for another chain.
        if (row.ChainId is { } domainChainId && (chain.Family != ChainFamily.Evm || !string.Equals(domainChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), chain.Identity.Value, StringComparison.Ordinal)))
        {
            return (RowFailure.NotInRegistry, $"the row's chain id {domainChainId} is not the registry's {chain.Identity} for '{row.Chain}'");
        }

        if (row.Decimals != asset.Decimals)
        {
            return (RowFailure.DecimalsMismatch, $"declared decimals {row.Decimals}, the registry's {row.Asset} has {asset.Decimals}");
        }

        // Imports that publish no block hash (OKX) may omit it; the balance is still read at the registry's hash.
        if (row.SnapshotHeight != chain.Snapshot.Height || (row.SnapshotBlockHash is not null && !chain.Snapshot.HashEquals(row.SnapshotBlockHash)))
        {
            return (RowFailure.SnapshotMismatch, $"snapshot {row.SnapshotHeight} {row.SnapshotBlockHash ?? "(none)"} is not the round's block of '{row.Chain}' ({chain.Snapshot.Height} {chain.Snapshot.Hash})");
        }

        return null;
    }

    // Per chain, before anything is read from it: the node must serve the registry's chain, and each token's decimals
    // at the snapshot must be the registry's.
    private async Task<Dictionary<string, ChainStatus>> CheckChainsAsync(IReadOnlyList<ReserveRow> rows, (RowFailure, string)?[] registryFailures, CancellationToken cancellationToken)
    {
        var status = new Dictionary<string, ChainStatus>(StringComparer.Ordinal);
        foreach (var group in Enumerable.Range(0, rows.Count).Where(i => registryFailures[i] is null).GroupBy(i => rows[i].Chain, StringComparer.Ordinal))
        {
            var chain = _registry.Chains[group.Key];
            if (!_nodes.TryGetValue(group.Key, out var node))
            {
                status[group.Key] = ChainStatus.Fail(RowFailure.NodeNotConfigured, $"no node configured for chain '{group.Key}'");
                continue;
            }

            try
            {
                var identity = await node.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                if (identity != chain.Identity)
                {
                    status[group.Key] = ChainStatus.Fail(RowFailure.WrongChain, $"the node for '{group.Key}' serves {identity}, the registry names {chain.Identity}");
                    continue;
                }

                var tokens = new Dictionary<string, (RowFailure, string)?>(chain.Family == ChainFamily.Evm ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                foreach (var token in group.Select(i => rows[i].Token).OfType<string>().Distinct(chain.Family == ChainFamily.Evm ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal))
                {
                    tokens[token] = await CheckTokenDecimalsAsync(node, chain, token, _registry.Assets[rows[group.First(i => ReserveRegistry.ContractEquals(chain.Family, rows[i].Token, token))].Asset].Decimals, cancellationToken).ConfigureAwait(false);
                }

                status[group.Key] = new ChainStatus(null, tokens);
            }
            catch (NodeException ex)
            {
                status[group.Key] = ChainStatus.Fail(ex.Kind == NodeFailureKind.WrongChain ? RowFailure.WrongChain : RowFailure.NodeUnavailable, $"node error ({ex.Kind}): {ex.Message}");
            }
        }

        return status;
    }

    private static async Task<(RowFailure, string)?> CheckTokenDecimalsAsync(IChainBalanceReader node, RegistryChain chain, string token, int expected, CancellationToken cancellationToken)
    {
        try
        {
            var decimals = await node.ReadTokenDecimalsAsync(token, chain.Snapshot, cancellationToken).ConfigureAwait(false);
            return decimals == expected ? null : (RowFailure.DecimalsMismatch, $"token {token} has {decimals} decimals on chain at the snapshot, the registry says {expected}");
        }
        catch (NodeException ex) when (ex.Kind is not NodeFailureKind.WrongChain)
        {
            // Only this token's rows fail: e.g. a TRON node not held at the snapshot cannot answer TRC-20 calls, but its
            // TRX balances (read from balance history) still can be.
            var failure = ex.Kind switch
            {
                NodeFailureKind.Protocol => RowFailure.DecimalsMismatch,
                NodeFailureKind.BlockMismatch => RowFailure.SnapshotMismatch,
                _ => RowFailure.NodeUnavailable,
            };
            return (failure, $"the decimals of token {token} cannot be read at the snapshot ({ex.Kind}): {ex.Message}");
        }
    }

    private async Task<(OwnershipResult[] Ownership, bool[] Replayable)> VerifyOwnershipAsync(ReserveDeclaration declaration, (RowFailure, string)?[] registryFailures, Dictionary<string, ChainStatus> chainStatus, CancellationToken cancellationToken)
    {
        var rows = declaration.Rows;
        var count = rows.Count;
        var ownership = new OwnershipResult[count];
        var replayable = new bool[count];
        var messages = new string[count];
        var roundMismatch = _options.ExpectedRound is { } expected && !string.Equals(expected, declaration.Round, StringComparison.Ordinal);
        var rowsDone = new RowCounter(_options.Progress, OwnershipStage, count);
        rowsDone.Start();

        // Signature checks are independent and the native libraries are thread-safe: use every core.
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = rows[i];
            var challenge = _registry.Chains.TryGetValue(row.Chain, out var chain)
                ? ChallengeMessage.For(declaration.Custodian, declaration.Round, row.Chain, chain.Snapshot.Height, chain.Snapshot.Hash)
                : ChallengeMessage.For(declaration, row);
            messages[i] = row.Message ?? challenge;
            replayable[i] = !string.Equals(messages[i], challenge, StringComparison.Ordinal);
            if (registryFailures[i] is not null)
            {
                ownership[i] = OwnershipResult.Fail(OwnershipFailure.NotChecked, "not checked: the row fails against the round's registry");
            }
            else if (roundMismatch)
            {
                ownership[i] = OwnershipResult.Fail(OwnershipFailure.RoundMismatch, $"declaration is for round '{declaration.Round}', expected '{_options.ExpectedRound}'");
            }
            else if (replayable[i] && !_options.AllowStaticMessage)
            {
                ownership[i] = OwnershipResult.Fail(OwnershipFailure.MessageMismatch, "the signed message is not this round's challenge (names custodian, round and snapshot block); static messages need --allow-static-message and are replayable");
            }
            else
            {
                ownership[i] = OwnershipVerifier.Verify(row, messages[i])!;
            }

            // Contract wallets (ownership still null) are counted when their node check is done below.
            if (ownership[i] is not null)
            {
                rowsDone.Add(1);
            }
        });

        // Contract wallets need on-chain reads; they are checked one by one, and only against a node that serves the
        // registry's chain.
        for (var i = 0; i < count; i++)
        {
            if (ownership[i] is null)
            {
                var row = rows[i];
                var chainOk = chainStatus.TryGetValue(row.Chain, out var status) && status.Failure is null;
                ownership[i] = chainOk
                    ? await OwnershipVerifier.VerifyContractWalletAsync(row, messages[i], _nodes.GetValueOrDefault(row.Chain) as IEvmContractWalletReader, cancellationToken).ConfigureAwait(false)
                    : OwnershipResult.Fail(OwnershipFailure.NodeUnavailable, $"the contract wallet cannot be checked: {status?.Failure?.Reason ?? "no node"}");
                rowsDone.Add(1);
            }
        }

        return (ownership, replayable);
    }

    private static RowOutcome Decide(int index, ReserveRow row, (RowFailure Failure, string Reason)? rowFailure, OwnershipResult ownership, BalanceReading? balance, RowFailure balanceFailure, bool duplicate, bool replayable)
    {
        string reason;
        var failure = RowFailure.None;
        if (rowFailure is { } early && early.Failure is RowFailure.NotInRegistry or RowFailure.DecimalsMismatch or RowFailure.SnapshotMismatch && ownership.Failure == OwnershipFailure.NotChecked)
        {
            (failure, reason) = early;
        }
        else if (duplicate)
        {
            failure = RowFailure.DuplicateClaim;
            reason = "the same chain, asset and address are claimed by more than one row (double counting)";
        }
        else if (!ownership.IsValid)
        {
            failure = RowFailure.OwnershipFailed;
            reason = $"ownership {ownership.Status.ToString().ToLowerInvariant()}: {ownership.Message}";
        }
        else if (rowFailure is { } chainFailure)
        {
            (failure, reason) = chainFailure;
        }
        else if (balance is null)
        {
            // Every row with valid ownership on a sound chain gets a reading; a missing one is a bug, not a verdict on the row.
            throw new InvalidOperationException($"no balance reading for row {index}");
        }
        else if (balance.Amount is not { } onChain)
        {
            failure = balanceFailure;
            reason = $"balance: {balance.Failure}";
        }
        else if (onChain < row.Amount)
        {
            failure = RowFailure.BalanceBelowClaim;
            reason = $"on-chain balance {onChain} is below the claimed {row.Amount} (base units) at block {row.SnapshotHeight}";
        }
        else
        {
            reason = ownership.Message + (replayable ? " (static message: replayable across rounds)" : string.Empty)
                + (row.ImportNote is null ? string.Empty : $" (import: {row.ImportNote})");
        }

        return new RowOutcome
        {
            Index = index,
            Line = row.Line,
            Asset = row.Asset,
            Chain = row.Chain,
            Address = row.Address,
            Token = row.Token,
            Scheme = SignatureSchemeNames.Describe(row.Scheme),
            ClaimedAmount = row.Amount,
            Decimals = row.Decimals,
            Failure = failure,
            Message = reason,
            Ownership = ownership,
            OnChainBalance = balance?.Amount,
            BalanceBlockHash = balance?.BlockHash,
            SnapshotHeight = row.SnapshotHeight,
            Replayable = replayable,
        };
    }

    // Returns each row's reading and, for a reading without an amount, which row failure it stands for (nodes report
    // row-specific problems, hence the BalanceUnreadable default; node-wide failures are classified here).
    private async Task<(BalanceReading?[] Readings, RowFailure[] Failures)> ReadBalancesAsync(IReadOnlyList<ReserveRow> rows, OwnershipResult[] ownership, (RowFailure, string)?[] registryFailures, Dictionary<string, ChainStatus> chainStatus, CancellationToken cancellationToken)
    {
        var readings = new BalanceReading?[rows.Count];
        var failures = Enumerable.Repeat(RowFailure.BalanceUnreadable, rows.Count).ToArray();
        var readable = Enumerable.Range(0, rows.Count)
            .Where(i => ownership[i].IsValid && registryFailures[i] is null && chainStatus[rows[i].Chain].FailureFor(rows[i]) is null).ToList();
        var rowsDone = new RowCounter(_options.Progress, BalanceStage, readable.Count);
        rowsDone.Start();
        foreach (var group in readable.GroupBy(i => rows[i].Chain, StringComparer.Ordinal))
        {
            var node = _nodes[group.Key];
            var snapshot = _registry.Chains[group.Key].Snapshot;
            var queries = group.Select(i => new BalanceQuery(i, rows[i].Address, rows[i].Token, snapshot.Height, snapshot.Hash)).ToList();
            try
            {
                var results = await node.ReadAsync(queries, cancellationToken).ConfigureAwait(false);
                foreach (var reading in results)
                {
                    readings[reading.RowIndex] = reading;
                }

                foreach (var query in queries.Where(q => readings[q.RowIndex] is null))
                {
                    readings[query.RowIndex] = new BalanceReading(query.RowIndex, null, "the node returned no balance for this row", null);
                    failures[query.RowIndex] = RowFailure.NodeUnavailable;
                }
            }
            catch (NodeException ex)
            {
                foreach (var query in queries)
                {
                    readings[query.RowIndex] = new BalanceReading(query.RowIndex, null, $"node error ({ex.Kind}): {ex.Message}", null);
                    failures[query.RowIndex] = ex.Kind switch
                    {
                        NodeFailureKind.WrongChain => RowFailure.WrongChain,
                        NodeFailureKind.BlockMismatch => RowFailure.SnapshotMismatch,
                        _ => RowFailure.NodeUnavailable,
                    };
                }
            }

            rowsDone.Add(queries.Count);
        }

        return (readings, failures);
    }

    // One wallet counts once per asset on one chain identity; chain names are 1:1 with identities in a registry, and
    // the identity is the key so that this holds by construction.
    private HashSet<int> FindDuplicates(IReadOnlyList<ReserveRow> rows)
    {
        var duplicates = new HashSet<int>();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => (ChainKey(rows[i].Chain), rows[i].Asset, NormaliseAddress(rows[i]))))
        {
            if (group.Count() > 1)
            {
                duplicates.UnionWith(group);
            }
        }

        return duplicates;
    }

    private string ChainKey(string chain) => _registry.Chains.TryGetValue(chain, out var entry) ? entry.Identity.Key : "unregistered:" + chain;

    private static string NormaliseAddress(ReserveRow row) =>
        row.Address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || row.Address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase)
            || row.Address.StartsWith("tb1", StringComparison.OrdinalIgnoreCase) || row.Address.StartsWith("ltc1", StringComparison.OrdinalIgnoreCase)
            || row.Address.StartsWith("bcrt1", StringComparison.OrdinalIgnoreCase)
            ? row.Address.ToLowerInvariant()
            : row.Address;

    private static List<AssetTotal> Totals(List<RowOutcome> outcomes, string source)
    {
        var totals = new List<AssetTotal>();
        foreach (var group in outcomes.GroupBy(o => (o.Asset, o.Decimals)).OrderBy(g => g.Key.Asset, StringComparer.Ordinal).ThenBy(g => g.Key.Decimals))
        {
            UInt128 verified = 0, unverified = 0;
            int verifiedRows = 0, failedRows = 0;
            foreach (var o in group)
            {
                if (o.Status == RowStatus.Verified)
                {
                    verified = CheckedAdd(verified, o.ClaimedAmount, group.Key.Asset, source);
                    verifiedRows++;
                }
                else
                {
                    unverified = CheckedAdd(unverified, o.ClaimedAmount, group.Key.Asset, source);
                    failedRows++;
                }
            }

            totals.Add(WithStable(new AssetTotal(group.Key.Asset, group.Key.Decimals, verified, unverified, verifiedRows, failedRows), group, source));
        }

        return totals;
    }

    // Borrowed reserves (docs/reserves.md, "Borrowed reserves (window)"): verified rows on chains with a window policy
    // are read again around the snapshot. Window failures are recorded in the observation and never change a verdict.
    private async Task ObserveWindowsAsync(List<RowOutcome> outcomes, CancellationToken cancellationToken)
    {
        var groups = outcomes.Where(o => o.IsValid && o.OnChainBalance is not null).GroupBy(o => o.Chain, StringComparer.Ordinal)
            .Where(g => _registry.Chains[g.Key].Window is not null).ToList();
        var chainsDone = new RowCounter(_options.Progress, WindowStage, groups.Count);
        if (groups.Count > 0)
        {
            chainsDone.Start();
        }

        foreach (var group in groups)
        {
            var chain = _registry.Chains[group.Key];

            var targets = group.Select(o => new WindowTarget(o.Index, o.Address, o.Token, o.OnChainBalance!.Value)).ToList();
            var observed = await WindowAnalyzer.ObserveAsync(_nodes[group.Key], chain, targets, cancellationToken).ConfigureAwait(false);
            foreach (var (index, observation) in observed)
            {
                outcomes[index] = outcomes[index] with { Window = observation };
            }

            chainsDone.Add(1);
        }
    }

    // Stable total of one asset: measured rows add min(claim, window minimum), unmeasured verified rows add 0.
    private static AssetTotal WithStable(AssetTotal total, IEnumerable<RowOutcome> rows, string source)
    {
        UInt128 stable = 0;
        var measured = 0;
        foreach (var amount in rows.Select(o => o.StableAmount).OfType<UInt128>())
        {
            stable = CheckedAdd(stable, amount, total.Asset, source);
            measured++;
        }

        return total with { Stable = measured == 0 ? null : stable, StableRows = measured };
    }

    private static UInt128 CheckedAdd(UInt128 total, UInt128 amount, string asset, string source) =>
        UInt128.MaxValue - total < amount
            ? throw new InputException(source, 0, "amount", $"the {asset} rows add up to 2^128 base units or more, which no chain can hold")
            : total + amount;

    /// <summary>The progress stage of ownership checks, per row.</summary>
    public const string OwnershipStage = "checking ownership";

    /// <summary>The progress stage of balance reads, per row (a chain's rows are read by one node call).</summary>
    public const string BalanceStage = "reading balances";

    /// <summary>The progress stage of the borrowed-reserves window, per chain.</summary>
    public const string WindowStage = "observing windows";

    // Reports "done of total" in order, also from parallel loops.
    private sealed class RowCounter(IProgress<WorkProgress>? progress, string stage, long total)
    {
        private readonly Lock _lock = new();
        private long _done;

        public void Start() => progress?.Report(new WorkProgress(stage, 0, total));

        public void Add(long count)
        {
            if (progress is null)
            {
                return;
            }

            lock (_lock)
            {
                _done += count;
                progress.Report(new WorkProgress(stage, _done, total));
            }
        }
    }

    private sealed record ChainStatus((RowFailure Failure, string Reason)? Failure, IReadOnlyDictionary<string, (RowFailure, string)?> Tokens)
    {
        public static ChainStatus Fail(RowFailure failure, string reason) => new((failure, reason), new Dictionary<string, (RowFailure, string)?>(StringComparer.Ordinal));

        public (RowFailure Failure, string Reason)? FailureFor(ReserveRow row) =>
            Failure ?? (row.Token is { } token && Tokens.TryGetValue(token, out var tokenFailure) ? tokenFailure : null);
    }
}
