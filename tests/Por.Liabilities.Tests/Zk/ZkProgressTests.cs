// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Progress of zk proving and verifying: per batch and per prover phase, in order, on the calling thread.</summary>
public sealed class ZkProgressTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;

    private static readonly string[] s_phases =
        ["low-degree extension", "auxiliary trace", "constraint composition", "quotient commitment", "out-of-domain evaluation", "DEEP composition", "FRI", "queries"];

    [Fact]
    public void BatchProver_ReportsEveryPhaseOnceInProtocolOrder()
    {
        (_, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        var phases = new Recorder<ProverPhase>();
        ZkBatchProver.Prove(s_set, air, witness, progress: phases);
        Assert.Equal(Enum.GetValues<ProverPhase>(), phases.Items);
        Assert.Equal(s_phases, phases.Items.Select(ZkRoundProver.Describe));
    }

    [Fact]
    public void RoundProver_ReportsEveryBatchAndPhase_ThenResumedBatches()
    {
        using var dir = new TempDirectory();
        using var secret = new TempDirectory();
        byte[] context = ZkTestBatch.Context(7);
        List<IReadOnlyList<ZkAccount>> batches = [ZkTestBatch.Accounts(), [ZkTestBatch.Account("zed", [new(1, 9)])]];
        var progress = new Recorder<WorkProgress>();
        ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true, secret.Path, progress);

        Assert.All(progress.Items, p => Assert.Equal((ZkRoundProver.ProvingStage, 2L), (p.Stage, p.Total)));
        Assert.Equal(new WorkProgress(ZkRoundProver.ProvingStage, 0, 2), progress.Items[0]);
        for (int b = 0; b < 2; b++)
        {
            // Within batch b: Done stays b while its phases run, in order, and becomes b + 1 when it is written.
            List<WorkProgress> mine = [.. progress.Items.Where(p => p.Detail?.StartsWith($"batch {b}: ", StringComparison.Ordinal) == true)];
            Assert.Equal(
                ["checking for a finished proof", "building the witness", .. s_phases, "proven"],
                mine.Select(p => p.Detail![$"batch {b}: ".Length..]));
            Assert.All(mine[..^1], p => Assert.Equal(b, p.Done));
            Assert.Equal(b + 1, mine[^1].Done);
        }

        Assert.Equal(progress.Items.Select(p => p.Done).Order(), progress.Items.Select(p => p.Done));

        // A rerun finds both batches finished: one "resumed" report each, no phase.
        var again = new Recorder<WorkProgress>();
        (_, int proven) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true, secret.Path, again);
        Assert.Equal(0, proven);
        Assert.Equal(
            [
                new WorkProgress(ZkRoundProver.ProvingStage, 0, 2),
                new WorkProgress(ZkRoundProver.ProvingStage, 0, 2, "batch 0: checking for a finished proof"),
                new WorkProgress(ZkRoundProver.ProvingStage, 1, 2, "batch 0: resumed (its proof verifies)"),
                new WorkProgress(ZkRoundProver.ProvingStage, 1, 2, "batch 1: checking for a finished proof"),
                new WorkProgress(ZkRoundProver.ProvingStage, 2, 2, "batch 1: resumed (its proof verifies)"),
            ],
            again.Items);
    }

    [Fact]
    public void RoundVerifier_ReportsEveryBatch_AndStopsAtTheFirstRejected()
    {
        using var dir = new TempDirectory();
        byte[] context = ZkTestBatch.Context(8);
        List<IReadOnlyList<ZkAccount>> batches = [ZkTestBatch.Accounts(), [ZkTestBatch.Account("zed", [new(1, 9)])], [ZkTestBatch.Account("yan", [new(2, 4)])]];
        (ZkBatchStatement[] statements, _) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true);
        byte[][] proofs = [.. Enumerable.Range(0, 3).Select(b => File.ReadAllBytes(Path.Combine(dir.Path, ZkBundleLayout.ProofFileName(b))))];
        Goldilocks[] root = ZkRoundProver.Root(statements);
        UInt128[] totals = ZkRoundProver.Totals(statements);

        var progress = new Recorder<WorkProgress>();
        Assert.Null(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, statements, proofs, allowTestParameters: true, progress));
        Assert.Equal(
            [
                new WorkProgress(ZkRoundVerifier.VerifyingStage, 0, 3),
                new WorkProgress(ZkRoundVerifier.VerifyingStage, 1, 3, "batch 0"),
                new WorkProgress(ZkRoundVerifier.VerifyingStage, 2, 3, "batch 1"),
                new WorkProgress(ZkRoundVerifier.VerifyingStage, 3, 3, "batch 2"),
            ],
            progress.Items);

        // Batch 1's proof replaced by batch 2's: batch 0 is reported verified, nothing after the failure.
        var failed = new Recorder<WorkProgress>();
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, statements, [proofs[0], proofs[2], proofs[2]], allowTestParameters: true, failed));
        Assert.Equal(1, failed.Items.Max(p => p.Done));
    }

    /// <summary>Records reports synchronously, in order (unlike <see cref="Progress{T}"/>, which posts them).</summary>
    private sealed class Recorder<T> : IProgress<T>
    {
        public List<T> Items { get; } = [];

        public void Report(T value) => Items.Add(value);
    }
}
