// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;
using Por.Stark.Memory;

namespace Por.Liabilities.Zk;

/// <summary>
/// Static shards (docs/distributed.md "Static shards"): shard i of n proves the batches b with b mod n = i from the
/// shared directory, one at a time, skipping those that already have a proof that verifies against the plan (so a
/// retried shard resumes), and writes each proof atomically under its SHA-256.
/// </summary>
public static class ZkShardProver
{
    /// <summary>The stage of the progress reports (one unit per batch of the shard).</summary>
    public const string Stage = "proving shard batches";

    /// <summary>Proves shard <paramref name="shardIndex"/> of <paramref name="shardCount"/>.</summary>
    /// <param name="planDirectory">The shared directory (plan.json, units/, proofs/).</param>
    /// <param name="shardIndex">i, 0 ≤ i &lt; n.</param>
    /// <param name="shardCount">n ≥ 1.</param>
    /// <param name="roundKey">The round key (32 bytes).</param>
    /// <param name="allowTestParameters">Tests only.</param>
    /// <param name="progress">Progress per batch and prover phase; may be null.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>The batches proven now and those found already proven.</returns>
    /// <exception cref="InputException">A bad shard, or a malformed plan.</exception>
    /// <exception cref="ZkUnitException">A unit is missing, altered, undecryptable with this key, or does not match the plan.</exception>
    public static (IReadOnlyList<int> Proven, IReadOnlyList<int> AlreadyProven) ProveShard(
        string planDirectory, int shardIndex, int shardCount, ReadOnlySpan<byte> roundKey, bool allowTestParameters = false,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount)
        {
            throw new InputException("--shard", 0, "", string.Create(CultureInfo.InvariantCulture, $"shard {shardIndex}/{shardCount}: expected 0 ≤ i < n"));
        }

        if (roundKey.Length != ZkUnitCipher.KeyLength)
        {
            throw new InputException("--key-file", 0, "", "the unit key must be 32 bytes (the private/unit.key that 'por round plan' writes)");
        }

        var plan = ZkRoundPlanJson.Read(Path.Combine(planDirectory, ZkPlanLayout.PlanFile));
        var mine = Enumerable.Range(0, plan.BatchCount).Where(b => b % shardCount == shardIndex).ToArray();
        var proven = new List<int>();
        var kept = new List<int>();
        using var retention = ProverMemory.Retain();
        progress?.Report(new WorkProgress(Stage, 0, mine.Length));
        for (var k = 0; k < mine.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = mine[k];
            var phases = progress is null ? null : new PhaseRelay(progress, k, mine.Length, b);
            var (_, provenNow) = ZkUnitProver.ProveInDirectory(planDirectory, plan, b, roundKey, allowTestParameters, phases);
            (provenNow ? proven : kept).Add(b);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            progress?.Report(new WorkProgress(Stage, k + 1, mine.Length, string.Create(CultureInfo.InvariantCulture, $"batch {b}: {(provenNow ? "proven" : "already proven")}")));
        }

        return (proven, kept);
    }

    private sealed class PhaseRelay(IProgress<WorkProgress> progress, int done, int total, int batch) : IProgress<Stark.Proving.ProverPhase>
    {
        public void Report(Stark.Proving.ProverPhase value) =>
            progress.Report(new WorkProgress(Stage, done, total, string.Create(CultureInfo.InvariantCulture, $"batch {batch}: {ZkRoundProver.Describe(value)}")));
    }
}
