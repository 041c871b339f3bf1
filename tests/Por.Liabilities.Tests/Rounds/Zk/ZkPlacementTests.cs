// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;

namespace Por.Liabilities.Tests.Rounds.Zk;

/// <summary>
/// The leaf placement of a zk round hides the account count: a customer's position, and the estimator
/// (position + 1) · 2^62 / C that recovered it from the old layout sorted by C, are distributed the same whatever the
/// number of real accounts behind one capacity B·N.
/// </summary>
public sealed class ZkPlacementTests
{
    private const int Trials = 1500;

    // Two-sample Kolmogorov–Smirnov bound for 1500 + 1500 samples at α ≈ 1e-6: c(α)·√(2/1500) with c = 2.69 is 0.098.
    // The old layout (sorted by C, padding last, batches in order) gave D = 0.856 (2 vs 16 accounts) and 0.779 (17 vs 32)
    // when this test was run against it.
    private const double KsBound = 0.1;

    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;
    private static readonly AssetTable s_assets = new([new Asset("BTC", 8), new Asset("USDT", 6)]);

    [Theory]
    [InlineData(2, 16, 1)]
    [InlineData(17, 32, 2)]
    public void Assign_SameCapacity_EstimatorDistributionDoesNotDependOnAccountCount(int fewer, int more, int batchCount)
    {
        double[] a = Estimates(fewer, batchCount, out int[] positionsA);
        double[] b = Estimates(more, batchCount, out int[] positionsB);
        double d = KolmogorovSmirnov(a, b);
        Assert.True(d < KsBound, $"KS distance {d:F3} between the estimator's outputs for {fewer} and {more} accounts: the position leaks the count");

        // Each position alone is uniform over the B·N slots (χ² with B·N − 1 = 15 or 31 degrees of freedom: 57 and 84 are the p ≈ 1e-6 quantiles).
        double bound = batchCount == 1 ? 57 : 84;
        Assert.True(ChiSquare(positionsA) < bound, $"positions with {fewer} accounts are not uniform");
        Assert.True(ChiSquare(positionsB) < bound, $"positions with {more} accounts are not uniform");
    }

    [Fact]
    public void Assign_EveryBatchFullAndEveryAccountOnce_PaddingLooksLikeAnEmptyAccount()
    {
        var batches = Place(Leaves(21));
        Assert.Equal(2, batches.Count);
        Assert.All(batches, batch => Assert.Equal(s_set.AccountsPerBatch, batch.Length));
        Assert.Equal([10, 11], batches.Select(b => b.Count(l => !l.IsPadding)).Order());
        var ids = batches.SelectMany(b => b).Where(l => !l.IsPadding).Select(l => Encoding.UTF8.GetString(l.AccountId!)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 21).Select(Name).Order(StringComparer.Ordinal), ids);
        foreach (var padding in batches.SelectMany(b => b).Where(l => l.IsPadding))
        {
            Assert.Empty(padding.Holdings);
            Assert.All(padding.IdCommitment, e => Assert.True(e.Value < 1UL << 62));
            Assert.Equal(ZkAccountEncoding.Leaf(padding.IdCommitment, []), padding.Leaf());
        }
    }

    [Fact]
    public void Place_TightRowBudget_EveryBatchFitsAndHoldsEveryAccountOnce()
    {
        // N = 4, A = 1: an all-padding batch takes RequiredRows([], 4, 1) rows; give 5 more, so two 8-holding accounts
        // (4 blocks each, 3 more than a padding leaf) never share a batch, and dealing round-robin sometimes fails.
        const int N = 4;
        long rows = LiabilitiesTraceBuilder.RequiredRows([], N, 1) + 5;
        int[] holdingCounts = [8, 8, 1, 1, 1, 0];
        for (int trial = 0; trial < 200; trial++)
        {
            ZkOpening[] leaves = [.. holdingCounts.Select((k, i) => new ZkOpening(
                Encoding.UTF8.GetBytes(Name(i)), new byte[32], ZkAccountEncoding.IdCommitment(Encoding.UTF8.GetBytes(Name(i)), new byte[32]),
                [.. Enumerable.Range(0, k).Select(a => new Holding((ushort)a, 1))]))];
            var batches = ZkBatchAssignment.Place(leaves, N, rows, 1);
            Assert.All(batches, b => Assert.Equal(N, b.Length));
            Assert.All(batches, b => Assert.True(LiabilitiesTraceBuilder.RequiredRows(b.Where(l => !l.IsPadding).Select(l => l.Holdings.Length), N, 1) <= rows));
            Assert.Equal(
                Enumerable.Range(0, holdingCounts.Length).Select(Name),
                batches.SelectMany(b => b).Where(l => !l.IsPadding).Select(l => Encoding.UTF8.GetString(l.AccountId!)).Order(StringComparer.Ordinal));
        }
    }

    private static double[] Estimates(int count, int batchCount, out int[] positions)
    {
        int n = s_set.AccountsPerBatch;
        positions = new int[batchCount * n];
        var estimates = new double[Trials];
        byte[] target = Encoding.UTF8.GetBytes(Name(0));
        for (int t = 0; t < Trials; t++)
        {
            var batches = Place(Leaves(count));
            Assert.Equal(batchCount, batches.Count);
            int position = -1;
            ZkOpening? leaf = null;
            for (int b = 0; b < batches.Count && leaf is null; b++)
            {
                for (int i = 0; i < n; i++)
                {
                    if (batches[b][i].AccountId is { } id && id.AsSpan().SequenceEqual(target))
                    {
                        (position, leaf) = ((b * n) + i, batches[b][i]);
                        break;
                    }
                }
            }

            Assert.NotNull(leaf);
            positions[position]++;
            estimates[t] = (position + 1) * Math.Pow(2, 62) / Math.Max(1, leaf.IdCommitment[0].Value);
        }

        return estimates;
    }

    private static List<ZkOpening[]> Place(ZkOpening[] leaves) =>
        ZkBatchAssignment.Place(leaves, s_set.AccountsPerBatch, s_set.TraceLength - s_set.Options.RandomRows, s_assets.Count);

    private static ZkOpening[] Leaves(int count)
    {
        var leaves = new ZkOpening[count];
        for (int i = 0; i < count; i++)
        {
            var id = Encoding.UTF8.GetBytes(Name(i));
            var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(ZkAccountEncoding.SaltSize);
            leaves[i] = new ZkOpening(id, salt, ZkAccountEncoding.IdCommitment(id, salt), [new Holding(0, 1), new Holding(1, (ulong)i + 1)]);
        }

        return leaves;
    }

    private static string Name(int i) => $"u{i:D4}";

    private static double KolmogorovSmirnov(double[] a, double[] b)
    {
        double[] x = [.. a.Order()];
        double[] y = [.. b.Order()];
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / x.Length) - ((double)j / y.Length)));
        }

        return d;
    }

    private static double ChiSquare(int[] counts)
    {
        double expected = (double)counts.Sum() / counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
