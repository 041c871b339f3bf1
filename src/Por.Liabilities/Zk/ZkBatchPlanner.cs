// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Liabilities.Zk;

/// <summary>
/// Sizes a zk round's batches. Rows, not accounts, bound a batch: a batch of parameter set (N, n) holds at most N
/// accounts and n − h witness rows, where an account with k holdings takes ⌈k/2⌉ rows (at least 1), every padding leaf
/// one row, and the batch itself N − 1 tree-node rows, 3·A carry and chain rows (A = asset count) and one final row
/// (<see cref="LiabilitiesTraceBuilder.RequiredRows"/>). <see cref="ChooseParameterSet(IReadOnlyList{int}, int)"/> picks
/// the set of the production ladder that fits the round; <see cref="Plan"/> splits a round's accounts for one set.
/// </summary>
public static class ZkBatchPlanner
{
    /// <summary>
    /// Chooses the parameter set of the production ladder (<see cref="ZkParameterSet.Ladder"/>: 103 proven bits, never
    /// a test or opt-in 128-bit set) that proves the round with the least work: the fewest batches, then the shortest
    /// trace (proving time and memory grow with it), then, among sets of that trace length, the largest N (same cost,
    /// and the published capacity B·N says the least about the account count). The choice depends only on the multiset
    /// of holding counts and the asset count, never on the accounts' order.
    /// </summary>
    /// <param name="holdingCounts">Holdings per account (any order).</param>
    /// <param name="assetCount">A, the number of assets in the round's asset list.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ZkPlanningException">No account, more assets than any set holds (the asset list is at fault), or one account with more holdings than any batch holds (that account is named).</exception>
    public static ZkParameterSet ChooseParameterSet(IReadOnlyList<int> holdingCounts, int assetCount) =>
        ChooseParameterSet(holdingCounts, assetCount, ZkParameterSet.Ladder);

    /// <summary>As <see cref="ChooseParameterSet(IReadOnlyList{int}, int)"/>, among the given candidates.</summary>
    /// <param name="holdingCounts">Holdings per account (any order).</param>
    /// <param name="assetCount">A.</param>
    /// <param name="candidates">The sets to choose from.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ZkPlanningException">Nothing fits; the reason names the real cause.</exception>
    public static ZkParameterSet ChooseParameterSet(IReadOnlyList<int> holdingCounts, int assetCount, IReadOnlyList<ZkParameterSet> candidates)
    {
        ArgumentNullException.ThrowIfNull(holdingCounts);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one candidate set is needed.", nameof(candidates));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(assetCount);
        if (holdingCounts.Count == 0)
        {
            throw NoAccounts();
        }

        // Accounts by row count (an account's only property that matters here): the order-independent summary.
        var accountsByRows = new SortedDictionary<int, long>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        int largest = 0;
        for (int i = 0; i < holdingCounts.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(holdingCounts[i], nameof(holdingCounts));
            int rows = LiabilitiesTraceBuilder.RowsFor(holdingCounts[i]);
            accountsByRows[rows] = accountsByRows.GetValueOrDefault(rows) + 1;
            if (rows > LiabilitiesTraceBuilder.RowsFor(holdingCounts[largest]))
            {
                largest = i;
            }
        }

        ZkParameterSet? best = null;
        long bestBatches = 0;
        long largestBudget = -1;
        ZkParameterSet? widest = null;
        foreach (ZkParameterSet set in candidates)
        {
            long budget = Budget(set, assetCount);
            if (budget > largestBudget)
            {
                (largestBudget, widest) = (budget, set);
            }

            long? batches = CountBatches(accountsByRows, set.AccountsPerBatch, budget);
            if (batches is not { } b || b > ZkRoundHeaderJson.MaxBatchCount)
            {
                continue;
            }

            if (best is null || b < bestBatches || (b == bestBatches && (set.TraceLength < best.TraceLength
                || (set.TraceLength == best.TraceLength && set.AccountsPerBatch > best.AccountsPerBatch))))
            {
                (best, bestBatches) = (set, b);
            }
        }

        if (best is not null)
        {
            return best;
        }

        if (largestBudget < 0)
        {
            ZkParameterSet largestSet = candidates.MaxBy(RealRows)!;
            throw TooManyAssets(assetCount, largestSet, $"even the set with the most rows ({largestSet.Id}) cannot hold them");
        }

        int k = holdingCounts[largest];
        if (LiabilitiesTraceBuilder.RowsFor(k) - 1 > largestBudget)
        {
            throw AccountTooLarge(largest, k, assetCount,
                $"no parameter set holds it: with {assetCount} assets the roomiest batch ({widest!.Id}) takes an account of at most {(2 * (largestBudget + 1)).ToString(CultureInfo.InvariantCulture)} holdings");
        }

        throw new ZkPlanningException(ZkPlanningFailure.TooManyAccounts, null,
            $"the round's {holdingCounts.Count} accounts need more than {ZkRoundHeaderJson.MaxBatchCount} batches under every parameter set");
    }

    /// <summary>Plans the batches of one set: greedy, in order (the last batch may be partly padding).</summary>
    /// <param name="holdingCounts">Holdings per account, in leaf order.</param>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="assetCount">A.</param>
    /// <returns>For each batch, the [start, end) range of account indices.</returns>
    /// <exception cref="ZkPlanningException">No account; the asset list alone does not fit a batch (<see cref="ZkPlanningFailure.TooManyAssets"/>); or one account alone does not (<see cref="ZkPlanningFailure.AccountTooLarge"/>, the first such account).</exception>
    public static IReadOnlyList<Range> Plan(IReadOnlyList<int> holdingCounts, ZkParameterSet parameters, int assetCount)
    {
        ArgumentNullException.ThrowIfNull(holdingCounts);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = parameters.AccountsPerBatch;
        long budget = Budget(parameters, assetCount);
        if (budget < 0)
        {
            throw TooManyAssets(assetCount, parameters, $"parameter set {parameters.Id} cannot hold them; choose a set with more rows");
        }

        if (holdingCounts.Count == 0)
        {
            throw NoAccounts();
        }

        var batches = new List<Range>();
        int start = 0;
        int count = 0;
        long used = 0;
        for (int i = 0; i < holdingCounts.Count; i++)
        {
            long extra = LiabilitiesTraceBuilder.RowsFor(holdingCounts[i]) - 1;
            if (extra > budget)
            {
                throw AccountTooLarge(i, holdingCounts[i], assetCount,
                    $"one batch of parameter set {parameters.Id} takes an account of at most {(2 * (budget + 1)).ToString(CultureInfo.InvariantCulture)} holdings with {assetCount} assets");
            }

            if (count == n || used + extra > budget)
            {
                batches.Add(new Range(start, i));
                (start, count, used) = (i, 0, 0);
            }

            count++;
            used += extra;
        }

        batches.Add(new Range(start, holdingCounts.Count));
        return batches;
    }

    /// <summary>
    /// How many batches of N accounts and <paramref name="budget"/> extra rows hold the accounts, filled greedily from
    /// the largest account down (next-fit decreasing: depends only on the multiset); null if one account alone does
    /// not fit.
    /// </summary>
    internal static long? CountBatches(SortedDictionary<int, long> accountsByRows, int n, long budget)
    {
        if (budget < 0)
        {
            return null;
        }

        long batches = 1;
        long count = 0;
        long used = 0;
        foreach ((int rows, long accounts) in accountsByRows)
        {
            long extra = rows - 1;
            if (extra > budget)
            {
                return null;
            }

            long left = accounts;
            while (left > 0)
            {
                long room = n - count;
                if (extra > 0)
                {
                    room = Math.Min(room, (budget - used) / extra);
                }

                if (room == 0)
                {
                    (batches, count, used) = (batches + 1, 0, 0);
                    continue;
                }

                long take = Math.Min(room, left);
                count += take;
                used += take * extra;
                left -= take;
            }
        }

        return batches;
    }

    /// <summary>
    /// The rows a batch of <paramref name="parameters"/> has beyond one row per leaf (an all-padding batch): each real
    /// account takes ⌈k/2⌉ − 1 of them. Negative when <paramref name="assetCount"/> assets do not fit at all.
    /// </summary>
    internal static long Budget(ZkParameterSet parameters, int assetCount) =>
        RealRows(parameters) - LiabilitiesTraceBuilder.RequiredRows([], parameters.AccountsPerBatch, assetCount);

    private static long RealRows(ZkParameterSet parameters) => parameters.TraceLength - parameters.Options.RandomRows;

    private static ZkPlanningException NoAccounts() => new(ZkPlanningFailure.NoAccounts, null, "the round has no account");

    private static ZkPlanningException TooManyAssets(int assetCount, ZkParameterSet set, string detail) => new(
        ZkPlanningFailure.TooManyAssets, null,
        string.Create(CultureInfo.InvariantCulture,
            $"the asset list has too many assets ({assetCount}): a batch needs 3 rows per asset beside its {2 * set.AccountsPerBatch} leaf and tree rows, and {detail} (at most {Math.Max(0, (RealRows(set) - (2 * set.AccountsPerBatch)) / 3)} assets in {set.Id})"));

    private static ZkPlanningException AccountTooLarge(int index, int holdings, int assetCount, string detail) => new(
        ZkPlanningFailure.AccountTooLarge, index,
        string.Create(CultureInfo.InvariantCulture, $"account {index} has {holdings} holdings ({LiabilitiesTraceBuilder.RowsFor(holdings)} trace rows): {detail}"));
}
