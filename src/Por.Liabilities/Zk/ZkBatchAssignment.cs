// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Zk;

/// <summary>
/// Chooses each account's batch from the holding counts alone, so a streaming build can place accounts without
/// holding them (docs/liabilities-zk.md §4.1). The same distribution as the in-memory placement: shuffle the accounts
/// (Fisher–Yates, OS CSPRNG); B is the number of batches a greedy fill of the shuffled order needs (at most N leaves
/// and the trace's rows each); deal the shuffled accounts round-robin over B batches, or keep the greedy fill when the
/// row budget makes dealing impossible; then shuffle the order of the batches (the steps of
/// <see cref="ZkLeafPlacement.Place"/>, on indices). The slot inside a batch is chosen later,
/// when the batch is padded to N and its N leaves are shuffled (<see cref="ZkRoundBuilder"/>).
/// </summary>
internal static class ZkBatchAssignment
{
    /// <summary>Assigns every account a batch.</summary>
    /// <param name="holdingCounts">Holdings per account, in snapshot order.</param>
    /// <param name="n">N.</param>
    /// <param name="rows">Trace rows available to a batch (n minus the random rows).</param>
    /// <param name="assetCount">A.</param>
    /// <returns>B and, for each account (snapshot order), its final batch index.</returns>
    /// <exception cref="InputException">The round needs more than <see cref="ZkRoundHeaderJson.MaxBatchCount"/> batches.</exception>
    public static (int BatchCount, ushort[] BatchOf) Assign(IReadOnlyList<ushort> holdingCounts, int n, long rows, int assetCount)
    {
        ArgumentNullException.ThrowIfNull(holdingCounts);
        var count = holdingCounts.Count;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        ZkLeafPlacement.Shuffle(order);

        // Rows of a batch of k real leaves with T leaf blocks: those of an all-padding batch, plus T − k.
        long empty = LiabilitiesTraceBuilder.RequiredRows([], n, assetCount);
        bool Fits(long blocks, int leaves) => empty + blocks - leaves <= rows;
        var batchOf = new ushort[count];
        int batches = 1, inBatch = 0;
        long used = 0;
        foreach (var account in order)
        {
            long blocks = LiabilitiesTraceBuilder.RowsFor(holdingCounts[account]);
            if (inBatch == n || !Fits(used + blocks, inBatch + 1))
            {
                if (++batches > ZkRoundHeaderJson.MaxBatchCount)
                {
                    throw TooMany(batches);
                }

                (inBatch, used) = (0, 0);
            }

            batchOf[account] = (ushort)(batches - 1);
            inBatch++;
            used += blocks;
        }

        // Deal round-robin when every dealt batch fits.
        var dealtCount = new int[batches];
        var dealtBlocks = new long[batches];
        for (var j = 0; j < count; j++)
        {
            dealtCount[j % batches]++;
            dealtBlocks[j % batches] += LiabilitiesTraceBuilder.RowsFor(holdingCounts[order[j]]);
        }

        if (Enumerable.Range(0, batches).All(b => dealtCount[b] <= n && Fits(dealtBlocks[b], dealtCount[b])))
        {
            for (var j = 0; j < count; j++)
            {
                batchOf[order[j]] = (ushort)(j % batches);
            }
        }

        var batchOrder = new int[batches];
        for (var b = 0; b < batches; b++)
        {
            batchOrder[b] = b;
        }

        ZkLeafPlacement.Shuffle(batchOrder);
        for (var i = 0; i < count; i++)
        {
            batchOf[i] = (ushort)batchOrder[batchOf[i]];
        }

        return (batches, batchOf);
    }

    /// <summary>
    /// Finishes one batch: pads it to N with padding leaves (<see cref="ZkLeafPlacement.Pad"/>) and shuffles its N
    /// leaves (<see cref="ZkLeafPlacement.Shuffle"/>), so each leaf's slot in the batch is uniform.
    /// </summary>
    /// <param name="leaves">The batch's real leaves (padded in place).</param>
    /// <param name="n">N.</param>
    /// <returns>The N leaves in slot order.</returns>
    public static ZkOpening[] Finish(List<ZkOpening> leaves, int n)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count > n)
        {
            throw new ArgumentException("A batch holds at most N leaves.", nameof(leaves));
        }

        ZkLeafPlacement.Pad(leaves, n);
        var slots = leaves.ToArray();
        ZkLeafPlacement.Shuffle(slots);
        return slots;
    }

    /// <summary>
    /// Places leaves in memory exactly as a streaming build does (tests and small tools): <see cref="Assign"/> on their
    /// holding counts, then <see cref="Finish"/> per batch.
    /// </summary>
    /// <param name="leaves">The real leaves.</param>
    /// <param name="n">N.</param>
    /// <param name="rows">Trace rows available to a batch.</param>
    /// <param name="assetCount">A.</param>
    /// <returns>B batches of exactly N leaves, in final order.</returns>
    public static List<ZkOpening[]> Place(IReadOnlyList<ZkOpening> leaves, int n, long rows, int assetCount)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var (batchCount, batchOf) = Assign([.. leaves.Select(l => checked((ushort)l.Holdings.Length))], n, rows, assetCount);
        var grouped = Enumerable.Range(0, batchCount).Select(_ => new List<ZkOpening>()).ToArray();
        for (var i = 0; i < leaves.Count; i++)
        {
            grouped[batchOf[i]].Add(leaves[i]);
        }

        return [.. grouped.Select(g => Finish(g, n))];
    }

    private static InputException TooMany(int batches) =>
        new("snapshot", 0, "", $"the round needs more than {batches - 1} batches; at most {ZkRoundHeaderJson.MaxBatchCount} are allowed");
}
