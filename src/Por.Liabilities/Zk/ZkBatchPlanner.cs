// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>
/// Splits a round's accounts, in leaf order, into batches that fit the pinned shape: at most N accounts and at most
/// n − h witness rows (an account with k holdings takes ⌈k/2⌉ rows, so accounts with many holdings fill a batch's
/// rows before its N leaves). Batches are filled greedily in order; the last may be partly padding.
/// </summary>
public static class ZkBatchPlanner
{
    /// <summary>Plans the batches.</summary>
    /// <param name="holdingCounts">Holdings per account, in leaf order.</param>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="assetCount">A.</param>
    /// <returns>For each batch, the [start, end) range of account indices.</returns>
    /// <exception cref="ArgumentException">An account alone does not fit a batch, or no account at all.</exception>
    public static IReadOnlyList<Range> Plan(IReadOnlyList<int> holdingCounts, ZkParameterSet parameters, int assetCount)
    {
        ArgumentNullException.ThrowIfNull(holdingCounts);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = parameters.AccountsPerBatch;
        long realRows = parameters.TraceLength - parameters.Options.RandomRows;

        // An empty batch (all padding) takes RequiredRows([], N, A) rows; a real account replaces a one-row padding
        // account, so it adds RowsFor(k) − 1.
        long budget = realRows - LiabilitiesTraceBuilder.RequiredRows([], n, assetCount);
        if (budget < 0)
        {
            throw new ArgumentException($"{assetCount} assets do not fit parameter set {parameters.Id}.", nameof(assetCount));
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
                throw new ArgumentException($"Account {i} has {holdingCounts[i]} holdings, more than one batch of {parameters.Id} can hold.", nameof(holdingCounts));
            }

            if (count == n || used + extra > budget)
            {
                batches.Add(new Range(start, i));
                (start, count, used) = (i, 0, 0);
            }

            count++;
            used += extra;
        }

        if (count == 0)
        {
            throw new ArgumentException("A round needs at least one account.", nameof(holdingCounts));
        }

        batches.Add(new Range(start, holdingCounts.Count));
        return batches;
    }
}
