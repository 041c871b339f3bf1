// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

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
    /// a test or opt-in 128-bit set) that proves the round with the least work: among the sets whose estimated work
    /// (<see cref="EstimatedWork"/>: B batches × (the trace's cells + a fixed per-batch cost)) is within 1/8 of the
    /// least, the one with the fewest batches (fewer proofs to publish and verify, a larger published capacity B·N),
    /// then the least work, then the largest N. B is counted by a greedy fill from the largest account down, so the
    /// choice depends only on the multiset of holding counts and the asset count, never on the accounts' order.
    /// </summary>
    /// <param name="holdingCounts">Holdings per account (any order).</param>
    /// <param name="assetCount">A, the number of assets in the round's asset list.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ZkPlanningException">No account, more assets than any set holds (the asset list is at fault), or one account with more holdings than any batch holds (that account is named).</exception>
    public static ZkParameterSet ChooseParameterSet(IReadOnlyList<int> holdingCounts, int assetCount) =>
        ChooseParameterSet(holdingCounts, assetCount, ZkParameterSet.Ladder);

    /// <summary>
    /// As <see cref="ChooseParameterSet(IReadOnlyList{int}, int)"/>, among the sets of the ladder whose estimated peak
    /// memory (<see cref="EstimatedPeakBytes"/>) is at most <paramref name="memoryLimitBytes"/>.
    /// </summary>
    /// <param name="holdingCounts">Holdings per account (any order).</param>
    /// <param name="assetCount">A.</param>
    /// <param name="memoryLimitBytes">The most memory the prover may use.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ZkPlanningException">No set of the ladder fits the limit (<see cref="ZkPlanningFailure.NotEnoughMemory"/>), or nothing fits the round (as the other overload).</exception>
    public static ZkParameterSet ChooseParameterSet(IReadOnlyList<int> holdingCounts, int assetCount, long memoryLimitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryLimitBytes);
        ZkParameterSet[] affordable = [.. ZkParameterSet.Ladder.Where(set => EstimatedPeakBytes(set) <= memoryLimitBytes)];
        if (affordable.Length == 0)
        {
            ZkParameterSet least = ZkParameterSet.Ladder.MinBy(EstimatedPeakBytes)!;
            throw new ZkPlanningException(ZkPlanningFailure.NotEnoughMemory, null,
                $"the memory limit {Gib(memoryLimitBytes)} is below the smallest parameter set's estimated peak ({least.Id}: {Gib(EstimatedPeakBytes(least))})");
        }

        try
        {
            return ChooseParameterSet(holdingCounts, assetCount, affordable);
        }
        catch (ZkPlanningException e) when (e.Reason is not ZkPlanningFailure.NoAccounts)
        {
            // Would a set beyond the limit have fitted? Then the limit, not the round, is the cause.
            ZkParameterSet? wouldFit = null;
            try
            {
                wouldFit = ChooseParameterSet(holdingCounts, assetCount, ZkParameterSet.Ladder);
            }
            catch (ZkPlanningException)
            {
                throw e;
            }

            throw new ZkPlanningException(ZkPlanningFailure.NotEnoughMemory, null,
                $"{e.Message}; within the memory limit {Gib(memoryLimitBytes)} (--memory-limit); {wouldFit.Id} would fit but needs about {Gib(EstimatedPeakBytes(wouldFit))}");
        }
    }

    /// <summary>
    /// The default prover memory limit: three quarters of the memory this process may use (physical memory, or the
    /// container's limit, as the runtime sees it), leaving the rest to the operating system and other processes.
    /// </summary>
    /// <returns>Bytes.</returns>
    public static long DefaultMemoryLimit() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3;

    /// <summary>
    /// An upper estimate of the peak memory of proving one batch of <paramref name="parameters"/> in a round:
    /// <see cref="PeakBytesPerCell"/> bytes per trace cell (n · W, as in <see cref="EstimatedWork"/>) plus
    /// <see cref="PeakBaseBytes"/>. Fitted above every peak measured in docs/benchmarks.md, from 146 MiB at n = 2^12 to
    /// 20.05 GiB for pol-v1-n18 (2^20 rows) in a CLI round on a loaded machine (whose peak rose from batch to batch).
    /// </summary>
    /// <param name="parameters">The set.</param>
    /// <returns>Bytes.</returns>
    public static long EstimatedPeakBytes(ZkParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ((long)parameters.TraceLength * CellsPerRow(parameters) * PeakBytesPerCell) + PeakBaseBytes;
    }

    /// <summary>Bytes of peak memory per trace cell (the extended trace, its Merkle trees, composition and FRI arrays).</summary>
    public const long PeakBytesPerCell = 160;

    /// <summary>Peak memory a batch takes whatever its size (runtime, code, buffers).</summary>
    public const long PeakBaseBytes = 96L << 20;

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB");

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

        var fitting = new List<(ZkParameterSet Set, long Batches, long Work)>();
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

            fitting.Add((set, b, EstimatedWork(set, b)));
        }

        if (fitting.Count > 0)
        {
            long least = fitting.Min(f => f.Work);
            return fitting.Where(f => f.Work - least <= least / WorkTolerance)
                .OrderBy(f => f.Batches).ThenBy(f => f.Work).ThenByDescending(f => f.Set.AccountsPerBatch).First().Set;
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
    /// The located input error for a planning failure: the asset list (<c>--assets</c>) when it alone does not fit,
    /// the account's file and line when one account is too large, the snapshot otherwise.
    /// </summary>
    /// <param name="failure">The failure.</param>
    /// <param name="accountPlace">The file and line of the account with index i (the planner's order).</param>
    /// <returns>The exception to throw.</returns>
    public static InputException ToInputException(ZkPlanningException failure, Func<int, (string File, long Line)> accountPlace)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(accountPlace);
        if (failure.Reason == ZkPlanningFailure.AccountTooLarge && failure.AccountIndex is { } index)
        {
            (string file, long line) = accountPlace(index);
            string prefix = string.Create(CultureInfo.InvariantCulture, $"account {index} ");
            string reason = failure.Message.StartsWith(prefix, StringComparison.Ordinal) ? "this account " + failure.Message[prefix.Length..] : failure.Message;
            return new InputException(file, line, "account_id", reason);
        }

        return failure.Reason switch
        {
            ZkPlanningFailure.TooManyAssets => new InputException("--assets", 0, "", failure.Message),
            ZkPlanningFailure.NotEnoughMemory => new InputException("--memory-limit", 0, "", failure.Message),
            _ => new InputException("snapshot", 0, "", failure.Message),
        };
    }

    /// <summary>
    /// The proving work of <paramref name="batches"/> batches of <paramref name="parameters"/>, in trace cells:
    /// B · (n · W + <see cref="PerBatchCells"/>), W = the main columns plus 3 per auxiliary (cubic extension) column at
    /// that trace length (W falls from 181 at n = 2^12 to 132 from n = 2^17 on, as the range table needs fewer
    /// multiplicity columns). Time and memory of a batch grow with n · W; the constant covers what every batch pays
    /// whatever its size (grinding, query openings, files).
    /// </summary>
    /// <param name="parameters">The set.</param>
    /// <param name="batches">B.</param>
    /// <returns>The estimate.</returns>
    public static long EstimatedWork(ZkParameterSet parameters, long batches)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return batches * (((long)parameters.TraceLength * CellsPerRow(parameters)) + PerBatchCells);
    }

    /// <summary>Sets within 1/<see cref="WorkTolerance"/> of the least work count as equally cheap.</summary>
    private const long WorkTolerance = 8;

    /// <summary>
    /// The fixed cost of a batch in trace cells: 2^12 rows of 132 columns (measured: a 2^12-row batch costs about 1.2 s
    /// of CPU, about half of it independent of n; docs/benchmarks.md, "Issue 15: parameter-set ladder").
    /// </summary>
    public const long PerBatchCells = 4096L * 132;

    private static int CellsPerRow(ZkParameterSet parameters)
    {
        var statement = new ZkBatchStatement(
            parameters.Id, new byte[32], 0, 1, parameters.AccountsPerBatch, new Stark.Field.Goldilocks[ZkAccountEncoding.DigestSize], 1,
            ZkChainOpening.Zero(1).Commit(), [], [UInt128.Zero]);
        var air = new LiabilitiesAir(statement, parameters.TraceLength, parameters.Options.RandomRows);
        return air.MainWidth + (3 * air.AuxWidth);
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
