// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Cheating provers against the chained hiding commitments (docs/liabilities-zk.md §1, §3.4).</summary>
public sealed class ZkChainTests
{
    private static readonly ZkChainOpening s_incoming = ZkChainOpening.Random([1000, 2000, 3000]);

    [Fact]
    public void ChainOpening_CommitDependsOnEveryTotalAndTheBlinding()
    {
        Goldilocks[] k = s_incoming.Commit();
        Assert.NotEqual(k, (s_incoming with { Totals = [1001, 2000, 3000] }).Commit());
        Assert.NotEqual(k, (s_incoming with { Totals = [1000, 2000, 3001] }).Commit());
        Assert.NotEqual(k, (s_incoming with { Blinding = [s_incoming.Blinding[0] + Goldilocks.One, .. s_incoming.Blinding[1..]] }).Commit());
        Assert.NotEqual(k, ZkChainOpening.Random([1000, 2000, 3000]).Commit());
        Assert.True(ZkChainOpening.TryParse(s_incoming.ToBytes(), out ZkChainOpening? parsed));
        Assert.Equal(k, parsed.Commit());
        Assert.False(ZkChainOpening.TryParse([.. s_incoming.ToBytes(), 0], out _));
    }

    [Fact]
    public void HonestMiddleBatch_ProvesRunningTotalsAndVerifies()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(batchIndex: 1, batchCount: 3, incoming: s_incoming);
        Assert.Empty(statement.Totals);
        Assert.Equal(s_incoming.Commit(), statement.ChainIn);
        Assert.Equal(witness.Outgoing.Commit(), statement.ChainOut);
        Assert.Equal((UInt128)150_001_005 + uint.MaxValue, witness.Outgoing.Totals[0]);

        // The control for the cheats below: the harness re-derives an honest middle batch unchanged and it verifies.
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(witness.Trace, air));
        Assert.Equal(statement.ToBytes(), claimed.ToBytes());
        Assert.True(CheatingTrace.ProveAndVerify(claimed, witness.Trace).IsValid);
    }

    [Fact]
    public void Cheat_ChainInDoesNotMatchOpening_Rejected()
    {
        // The trace opens K_in with S_in(asset 1) raised by 5 (everything else re-derived, K_out honest for the
        // inflated chain), but the statement keeps the real K_in = K_{b−1}.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(batchIndex: 1, batchCount: 3, incoming: s_incoming);
        int row = ChainRows(witness.Trace, LiabilitiesAir.ChainIn)[0];
        CheatingTrace.WriteChainTotal(witness.Trace, row, 1005);
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(witness.Trace, air)) with { ChainIn = statement.ChainIn };
        Assert.False(CheatingTrace.ProveAndVerify(claimed, witness.Trace).IsValid);
    }

    [Fact]
    public void Cheat_RunningTotalsDoNotAdd_Rejected()
    {
        // S_out(asset 2) = S_in + sums + 1, committed honestly into K_out: only the asset bus can object.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(batchIndex: 1, batchCount: 3, incoming: s_incoming);
        int row = ChainRows(witness.Trace, LiabilitiesAir.ChainOut)[1];
        CheatingTrace.WriteChainTotal(witness.Trace, row, witness.Outgoing.Totals[1] + 1);
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(witness.Trace, air, recomputeChainOut: false));
        Assert.NotEqual(statement.ChainOut, claimed.ChainOut);
        Assert.False(CheatingTrace.ProveAndVerify(claimed, witness.Trace).IsValid);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cheat_RunningTotalWrapsAround_Rejected(bool wrapToZero)
    {
        // S_in = 2^88 − 1 plus a holding of 1 would need S_out = 2^88: the cheater writes either 2^88 with a top limb of
        // 2^8 (out of range) or the wrapped value 0 (the asset bus then fails over the integers).
        UInt128 max = ZkBatchStatement.MaxTotal;
        var incoming = ZkChainOpening.Random([max - 1, 0, 0]);
        List<ZkAccount> accounts = [ZkTestBatch.Account("a", [new(0, 1)])];
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts, batchIndex: 1, batchCount: 3, incoming: incoming);
        Assert.Equal(max, witness.Outgoing.Totals[0]);
        TraceTable trace = witness.Trace;
        CheatingTrace.WriteChainTotal(trace, ChainRows(trace, LiabilitiesAir.ChainIn)[0], max);
        CheatingTrace.WriteChainTotal(trace, ChainRows(trace, LiabilitiesAir.ChainOut)[0], wrapToZero ? 0 : max + 1);
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(trace, air, recomputeChainOut: false));
        Assert.False(CheatingTrace.ProveAndVerify(claimed, trace).IsValid);
    }

    [Fact]
    public void Cheat_FirstBatchStartsFromNonZeroTotals_Rejected()
    {
        // Batch 0 built (self-checks bypassed) from an opening of (1000, 2000, 3000): the proof is internally
        // consistent, so only the verifier's pinned K_{−1} stops it.
        (ZkBatchStatement honest, _, _) = ZkTestBatch.Prepare(batchIndex: 0, batchCount: 2);
        var air = new LiabilitiesAir(honest, ZkParameterSet.Test.TraceLength, ZkParameterSet.Test.Options.RandomRows);
        ZkBatchWitness witness = LiabilitiesTraceBuilder.Build(ZkTestBatch.Accounts(), air, s_incoming, ZkChainOpening.Random([0, 0, 0]).Blinding);
        ZkBatchStatement claimed = honest with { ChainIn = s_incoming.Commit(), ChainOut = witness.Outgoing.Commit(), Root = witness.Root };
        byte[] proof = CheatingTrace.Prove(claimed, witness.Trace);
        Assert.False(ZkBatchVerifier.Verify(claimed, proof, allowTestParameters: true).IsValid);

        // The same proof with the index shifted to 1 (where a non-zero start is legal) is bound to b = 0 and fails too.
        Assert.False(ZkBatchVerifier.Verify(claimed with { BatchIndex = 1, ChainOut = [], Totals = witness.Outgoing.Totals }, proof, allowTestParameters: true).IsValid);
        var failed = ZkRoundVerifier.Verify(
            ZkParameterSet.Test.Id, claimed.ContextDigest, ZkRoundTree.Root([claimed.Root, claimed.Root]), [1, 2, 3], [claimed, claimed with { BatchIndex = 1 }], [proof, proof], allowTestParameters: true);
        Assert.Equal(BundleFailure.ChainBroken, failed?.Failure);
        Assert.Contains("zero chain commitment", failed?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_FirstBatchWithNonZeroOpeningOrLaterBatchWithout_Throws()
    {
        Assert.Throws<ArgumentException>(() => ZkBatchProver.Prepare(ZkParameterSet.Test, ZkTestBatch.Context(1), 0, 2, ZkTestBatch.AssetCount, ZkTestBatch.Accounts(), s_incoming));
        Assert.Throws<ArgumentException>(() => ZkBatchProver.Prepare(ZkParameterSet.Test, ZkTestBatch.Context(1), 1, 2, ZkTestBatch.AssetCount, ZkTestBatch.Accounts()));
    }

    private static List<int> ChainRows(TraceTable trace, int flag) => [.. Enumerable.Range(0, trace.Rows).Where(r => !trace[flag, r].IsZero)];
}
