// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Ownership;

namespace Por.Reserves;

/// <summary>
/// Verifies a declaration: per row, the message must be the round's challenge (or the static-message flag is set),
/// ownership must be proven by the row's one scheme, and the on-chain balance at the snapshot block must cover the
/// claim. Node failures fail every row they affect; totals only ever include fully verified rows.
/// </summary>
public sealed class ReserveVerifier
{
    private readonly IReadOnlyDictionary<string, IChainBalanceReader> _nodes;
    private readonly ReserveVerifierOptions _options;

    /// <summary>Creates a verifier.</summary>
    /// <param name="nodes">Balance readers by chain name (may be empty: then every balance check fails).</param>
    /// <param name="options">Policy.</param>
    public ReserveVerifier(IReadOnlyDictionary<string, IChainBalanceReader> nodes, ReserveVerifierOptions options)
    {
        _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Verifies every row.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public async Task<ReserveVerificationResult> VerifyAsync(ReserveDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var count = declaration.Rows.Count;
        var ownership = new OwnershipResult[count];
        var replayable = new bool[count];
        var roundMismatch = _options.ExpectedRound is { } expected && !string.Equals(expected, declaration.Round, StringComparison.Ordinal);
        var messages = new string[count];

        // Signature checks are independent and the native libraries are thread-safe: use every core.
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var row = declaration.Rows[i];
            var challenge = ChallengeMessage.For(declaration, row);
            messages[i] = row.Message ?? challenge;
            replayable[i] = !string.Equals(messages[i], challenge, StringComparison.Ordinal);
            if (roundMismatch)
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
        });

        // Contract wallets need on-chain reads; they are checked one by one against the chain's node.
        for (var i = 0; i < count; i++)
        {
            if (ownership[i] is null)
            {
                var row = declaration.Rows[i];
                ownership[i] = await OwnershipVerifier.VerifyContractWalletAsync(row, messages[i], _nodes.GetValueOrDefault(row.Chain) as IEvmContractWalletReader, cancellationToken).ConfigureAwait(false);
            }
        }

        var duplicates = FindDuplicates(declaration.Rows);
        var (balances, balanceFailures) = await ReadBalancesAsync(declaration.Rows, ownership, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<RowOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            outcomes.Add(Decide(i, declaration.Rows[i], ownership[i], balances[i], balanceFailures[i], duplicates.Contains(i), replayable[i]));
        }

        return new ReserveVerificationResult(declaration.Custodian, declaration.Round, declaration.SourcePath, outcomes, Totals(outcomes));
    }

    private static RowOutcome Decide(int index, ReserveRow row, OwnershipResult ownership, BalanceReading? balance, RowFailure balanceFailure, bool duplicate, bool replayable)
    {
        string reason;
        var failure = RowFailure.None;
        if (duplicate)
        {
            failure = RowFailure.DuplicateClaim;
            reason = "the same chain, asset and address are claimed by more than one row (double counting)";
        }
        else if (!ownership.IsValid)
        {
            failure = RowFailure.OwnershipFailed;
            reason = $"ownership {ownership.Status.ToString().ToLowerInvariant()}: {ownership.Message}";
        }
        else if (balance is null)
        {
            // Every row with valid ownership gets a reading; a missing one is a bug, not a verdict on the row.
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
    private async Task<(BalanceReading?[] Readings, RowFailure[] Failures)> ReadBalancesAsync(IReadOnlyList<ReserveRow> rows, OwnershipResult[] ownership, CancellationToken cancellationToken)
    {
        var readings = new BalanceReading?[rows.Count];
        var failures = Enumerable.Repeat(RowFailure.BalanceUnreadable, rows.Count).ToArray();
        foreach (var group in Enumerable.Range(0, rows.Count).Where(i => ownership[i].IsValid).GroupBy(i => rows[i].Chain, StringComparer.Ordinal))
        {
            if (!_nodes.TryGetValue(group.Key, out var node))
            {
                foreach (var i in group)
                {
                    readings[i] = new BalanceReading(i, null, $"no node configured for chain '{group.Key}'", null);
                    failures[i] = RowFailure.NodeNotConfigured;
                }

                continue;
            }

            var queries = new List<BalanceQuery>();
            foreach (var i in group)
            {
                var row = rows[i];
                if (row.Token is null && !string.Equals(row.Asset, node.NativeAsset, StringComparison.OrdinalIgnoreCase))
                {
                    readings[i] = new BalanceReading(i, null, $"asset {row.Asset} is not the native asset {node.NativeAsset} of '{row.Chain}' and the row names no token contract", null);
                    continue;
                }

                queries.Add(new BalanceQuery(i, row.Address, row.Token, row.SnapshotHeight, row.SnapshotBlockHash));
            }

            if (queries.Count == 0)
            {
                continue;
            }

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
                    failures[query.RowIndex] = ex.Kind is NodeFailureKind.WrongChain or NodeFailureKind.BlockMismatch ? RowFailure.SnapshotMismatch : RowFailure.NodeUnavailable;
                }
            }
        }

        return (readings, failures);
    }

    private static HashSet<int> FindDuplicates(IReadOnlyList<ReserveRow> rows)
    {
        var duplicates = new HashSet<int>();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => (rows[i].Chain, rows[i].Asset, rows[i].Token?.ToLowerInvariant(), NormaliseAddress(rows[i]))))
        {
            if (group.Count() > 1)
            {
                duplicates.UnionWith(group);
            }
        }

        return duplicates;
    }

    private static string NormaliseAddress(ReserveRow row) =>
        row.Address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || row.Address.StartsWith("bc1", StringComparison.OrdinalIgnoreCase)
            || row.Address.StartsWith("tb1", StringComparison.OrdinalIgnoreCase) || row.Address.StartsWith("ltc1", StringComparison.OrdinalIgnoreCase)
            ? row.Address.ToLowerInvariant()
            : row.Address;

    private static List<AssetTotal> Totals(List<RowOutcome> outcomes)
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
                    verified = checked(verified + o.ClaimedAmount);
                    verifiedRows++;
                }
                else
                {
                    unverified = checked(unverified + o.ClaimedAmount);
                    failedRows++;
                }
            }

            totals.Add(new AssetTotal(group.Key.Asset, group.Key.Decimals, verified, unverified, verifiedRows, failedRows));
        }

        return totals;
    }
}
