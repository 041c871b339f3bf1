// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Fiat;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Randomness;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Fiat;

public sealed class TranscriptTests
{
    [Fact]
    public void DrawExtension_SameInputs_SameChallenge_AnyByteChange_DifferentChallenge()
    {
        var a = new Transcript("t");
        var b = new Transcript("t");
        a.Absorb("x", [1, 2, 3]);
        b.Absorb("x", [1, 2, 3]);
        Assert.Equal(a.DrawExtension("c"), b.DrawExtension("c"));
        for (int i = 0; i < 3; i++)
        {
            var c = new Transcript("t");
            byte[] data = [1, 2, 3];
            data[i] ^= 0x80;
            c.Absorb("x", data);
            Assert.NotEqual(new Transcript("t").DrawExtension("c"), c.DrawExtension("c"));
        }

        var d = new Transcript("t");
        d.Absorb("y", [1, 2, 3]);
        var e = new Transcript("t");
        e.Absorb("x", [1, 2, 3]);
        Assert.NotEqual(d.DrawExtension("c"), e.DrawExtension("c"));
    }

    [Fact]
    public void DrawDistinctIndices_Always_DistinctAndInRange()
    {
        var t = new Transcript("t");
        int[] values = t.DrawDistinctIndices("q", 60, 64);
        Assert.Equal(60, values.Distinct().Count());
        Assert.All(values, v => Assert.InRange(v, 0, 63));
    }

    [Fact]
    public void ProofOfWork_GroundNonce_PassesAndNeighbourUsuallyFails()
    {
        var t = new Transcript("t");
        ulong nonce = t.Grind(12);
        Assert.True(t.CheckProofOfWork(nonce, 12));
        int failures = Enumerable.Range(1, 64).Count(k => !t.CheckProofOfWork(nonce + (ulong)k, 12));
        Assert.True(failures > 50);
    }

    [Fact]
    public void StarkTranscript_ProofRun_FollowsDocumentedOrder()
    {
        var context = new AirContext(64, TestOptions.Small.RandomRows);
        TraceTable trace = FibonacciAir.BuildTrace(context);
        var air = new FibonacciAir(64, trace[1, context.LastRealRow]);
        using var session = new ProverSession(air, trace, auxBuilder: null, TestOptions.Small, OsRandomSource.Instance, consumeTrace: false);
        StarkProof proof = StarkProver.Prove(session);
        var shape = ProofShape.Create(air, TestOptions.Small);
        var log = new List<string>();
        var t = new StarkTranscript(air, shape, proof.Flags, log);
        t.AbsorbMainRoot(proof.MainRoot);
        t.DrawCompositionCoefficients(5);
        t.AbsorbQuotientRoot(proof.QuotientRoot);
        t.AbsorbOodFrame(proof.EncodeOodFrame(), StarkProver.DeepCoefficientCount(shape));
        foreach (byte[] root in proof.FriRoots)
        {
            t.AbsorbFriLayerRoot(root);
        }

        t.AbsorbRemainder(proof.EncodeRemainder());
        Assert.True(t.TryAbsorbNonce(proof.PowNonce, out _));
        string[] expectedPrefix =
        [
            "absorb:domain", "absorb:proof-header", "absorb:air-id", "absorb:options", "absorb:trace-shape", "absorb:degrees", "absorb:periodic",
            "absorb:public-inputs", "absorb:main-root", "draw:composition",
        ];
        Assert.Equal(expectedPrefix, log.Take(expectedPrefix.Length).ToArray());
        string[] compressed = [.. log.Where((s, i) => i == 0 || !string.Equals(s, log[i - 1], StringComparison.Ordinal))];
        Assert.Equal(
            [.. expectedPrefix, "absorb:quotient-root", "draw:ood-point", "absorb:ood-frame", "draw:deep", "absorb:fri-root", "draw:fri-fold",
             "absorb:fri-root", "draw:fri-fold", "absorb:fri-remainder", "absorb:pow-nonce", "draw:queries"],
            compressed);
    }

    [Fact]
    public void StarkTranscript_StepOutOfOrder_Throws()
    {
        var air = new FibonacciAir(64, Goldilocks.One);
        var t = new StarkTranscript(air, ProofShape.Create(air, TestOptions.Small), flags: 0);
        Assert.Throws<InvalidOperationException>(() => t.AbsorbQuotientRoot(new byte[32]));
        Assert.Throws<InvalidOperationException>(() => t.AbsorbRemainder([]));
    }

    [Fact]
    public void IsValidOodPoint_PointsOfTraceDomainAndLdeCoset_Rejected()
    {
        var air = new FibonacciAir(64, Goldilocks.One);
        var shape = ProofShape.Create(air, TestOptions.Small);
        Goldilocks g = Goldilocks.RootOfUnity(6);
        Goldilocks omega = Goldilocks.RootOfUnity(9);
        Assert.False(StarkTranscript.IsValidOodPoint(GoldilocksExt3.FromBase(g.Pow(5)), shape));
        Assert.False(StarkTranscript.IsValidOodPoint(GoldilocksExt3.FromBase(Goldilocks.MultiplicativeGenerator * omega.Pow(77)), shape));
        Assert.False(StarkTranscript.IsValidOodPoint(GoldilocksExt3.Zero, shape));
        Assert.True(StarkTranscript.IsValidOodPoint(new GoldilocksExt3(Goldilocks.One, Goldilocks.One, Goldilocks.Zero), shape));
    }

    [Fact]
    public void StarkTranscript_AnyPublicInputChange_ChangesEveryChallenge()
    {
        GoldilocksExt3 Draw(FibonacciAir air)
        {
            var t = new StarkTranscript(air, ProofShape.Create(air, TestOptions.Small), flags: 0);
            t.AbsorbMainRoot(new byte[32]);
            return t.DrawCompositionCoefficients(1)[0];
        }

        GoldilocksExt3 baseline = Draw(new FibonacciAir(64, new Goldilocks(5)));
        Assert.NotEqual(baseline, Draw(new FibonacciAir(64, new Goldilocks(6))));
        Assert.NotEqual(baseline, Draw(new FibonacciAir(128, new Goldilocks(5))));
    }

    [Fact]
    public void StarkTranscript_FlagsChange_ChangesFirstChallenge()
    {
        var air = new FibonacciAir(64, new Goldilocks(5));
        GoldilocksExt3 Draw(byte flags)
        {
            var t = new StarkTranscript(air, ProofShape.Create(air, TestOptions.Small), flags);
            t.AbsorbMainRoot(new byte[32]);
            return t.DrawCompositionCoefficients(1)[0];
        }

        Assert.NotEqual(Draw(0), Draw(StarkProof.TestModeFlag));
    }
}
