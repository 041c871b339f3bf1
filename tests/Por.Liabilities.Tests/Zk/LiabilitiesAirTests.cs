// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Mutants;

namespace Por.Liabilities.Tests.Zk;

public sealed class LiabilitiesAirTests
{
    private static readonly GoldilocksExt3[] s_randomness =
    [
        new(new Goldilocks(11), new Goldilocks(12), new Goldilocks(13)),
        new(new Goldilocks(21), new Goldilocks(22), new Goldilocks(23)),
        new(new Goldilocks(31), new Goldilocks(32), new Goldilocks(33)),
    ];

    [Fact]
    public void HonestTrace_SatisfiesEveryConstraint()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        Assert.Empty(TraceValidator.Validate(air, witness.Trace, new LiabilitiesAuxTraceBuilder(air), air.RandomRows, s_randomness));
        Assert.Equal((UInt128)150_000_005 + uint.MaxValue, statement.Totals[0]);
        Assert.Equal((UInt128)ulong.MaxValue + 7 + uint.MaxValue, statement.Totals[1]);
        Assert.Equal((UInt128)42_000_000 + (1UL << 40) + uint.MaxValue, statement.Totals[2]);
    }

    [Fact]
    public void HonestTrace_RootEqualsNativeTree()
    {
        List<ZkAccount> accounts = ZkTestBatch.Accounts();
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
        int n = statement.AccountsPerBatch;
        for (int i = 0; i < accounts.Count; i++)
        {
            Assert.Equal(ZkAccountEncoding.Leaf(accounts[i].IdCommitment, accounts[i].Holdings), witness.Nodes[n + i]);
        }

        for (int nid = n - 1; nid >= 1; nid--)
        {
            Assert.Equal(ZkAccountEncoding.Node(witness.Nodes[2 * nid], witness.Nodes[(2 * nid) + 1]), witness.Nodes[nid]);
        }

        Assert.Equal(witness.Nodes[1], statement.Root);
    }

    [Fact]
    public void ProveVerify_HonestBatch_Accepted()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness);
        VerificationResult result = ZkBatchVerifier.Verify(statement, proof, allowTestParameters: true);
        Assert.True(result.IsValid, result.Message);

        // The same proof is a whole one-batch round: it starts from K_{−1}, has no K_out and publishes the totals.
        Assert.Equal(ZkChainOpening.Zero(ZkTestBatch.AssetCount).Commit(), statement.ChainIn);
        Assert.Empty(statement.ChainOut);
        Goldilocks[] root = ZkRoundProver.Root([statement]);
        UInt128[] totals = [.. statement.Totals];
        Assert.Null(ZkRoundVerifier.Verify(statement.ParameterSetId, statement.ContextDigest, root, totals, [statement], [proof], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(statement.ParameterSetId, statement.ContextDigest, root, [totals[0], totals[1] + 1, totals[2]], [statement], [proof], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(statement.ParameterSetId, statement.ContextDigest, root, totals[..2], [statement], [proof], allowTestParameters: true));

        // Every public input of a last batch changed: each total's low and high word, K_in, the asset count, B.
        var mutants = new List<ZkBatchStatement>
        {
            statement with { AssetCount = statement.AssetCount + 1, Totals = [.. totals, 0] },
            statement with { BatchCount = 2, ChainOut = statement.ChainIn, Totals = [] },
        };
        for (int a = 0; a < totals.Length; a++)
        {
            foreach (UInt128 delta in (UInt128[])[1, (UInt128)1 << 32])
            {
                UInt128[] changed = [.. totals];
                changed[a] += delta;
                mutants.Add(statement with { Totals = changed });
            }
        }

        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            Goldilocks[] chainIn = [.. statement.ChainIn];
            chainIn[i] += Goldilocks.One;
            mutants.Add(statement with { ChainIn = chainIn });
        }

        foreach (ZkBatchStatement mutant in mutants)
        {
            Assert.False(ZkBatchVerifier.Verify(mutant, proof, allowTestParameters: true).IsValid, mutant.ToString());
        }
    }

    [Fact]
    public void Verify_TestParameterSetWithoutOptIn_Rejected()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness);
        Assert.False(ZkBatchVerifier.Verify(statement, proof).IsValid);
    }

    [Fact]
    public void CheatingHarness_HonestTraceRewired_Accepted()
    {
        // Control: the cheating harness itself does not break an honest trace, so its rejections come from the cheat.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(witness.Trace, air));
        Assert.Equal(statement.ToBytes(), claimed.ToBytes());
        Assert.True(CheatingTrace.ProveAndVerify(statement, witness.Trace).IsValid);
    }

    [Fact]
    public void Cheat_BalancePMinusOne_Rejected()
    {
        // carol's asset-1 balance becomes −1 (lo = p − 1 as one "limb"); everything else is re-derived and the total
        // claimed is the field sum, so only the range check stands in the way.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        TraceTable trace = witness.Trace;
        int row = FirstRowOf(trace, 2);
        int slot = LiabilitiesAir.Slot0;
        trace[slot + LiabilitiesAir.SlotLimb0, row] = new Goldilocks(Goldilocks.Modulus - 1);
        trace[slot + LiabilitiesAir.SlotLimb0 + 1, row] = Goldilocks.Zero;
        trace[LiabilitiesAir.In + 5, row] = new Goldilocks(Goldilocks.Modulus - 1);
        AssertRejected(statement, trace, air);
    }

    [Fact]
    public void Cheat_BalancesWrappingToTotalModP_Rejected()
    {
        // Two holdings of 2^63 sum to 2^64 ≡ 2^32 − 1 (mod p). The cheater claims 2^32 − 1 and solves the low-word
        // equation for the carry in the field; the carry is then far outside [0, 2^24).
        List<ZkAccount> accounts = [ZkTestBatch.Account("a", [new(0, 1UL << 63)]), ZkTestBatch.Account("b", [new(0, 1UL << 63)])];
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
        TraceTable trace = witness.Trace;
        UInt128 wrapped = statement.Totals[0] - Goldilocks.Modulus;
        Assert.Equal((UInt128)uint.MaxValue, wrapped);
        int carryRow = RowsWith(trace, LiabilitiesAir.Carry).First();

        // Σlo = 0 ≡ T'lo + c·2^32 → c = −T'lo / 2^32.
        Goldilocks c = -new Goldilocks(uint.MaxValue) * Inverse(new Goldilocks(1UL << 32));
        trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0, carryRow] = c;
        trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0 + 1, carryRow] = Goldilocks.Zero;
        CheatingTrace.Rewire(trace, air, recomputeCarries: false);
        UInt128[] claimed = [wrapped, 0, 0];
        Assert.False(CheatingTrace.ProveAndVerify(statement with { Totals = claimed }, trace).IsValid);
    }

    [Fact]
    public void Cheat_WrongTotal_Rejected()
    {
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        UInt128[] claimed = [.. statement.Totals];
        claimed[1] -= 1;
        Assert.False(CheatingTrace.ProveAndVerify(statement with { Totals = claimed }, witness.Trace).IsValid);
    }

    [Fact]
    public void Cheat_AccountLeftOutOfTheSums_Rejected()
    {
        // carol's first block stays in her leaf (the inputs still encode her holdings) but both slots are marked
        // invalid, so the sums skip them.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        int row = FirstRowOf(witness.Trace, 2);
        witness.Trace[LiabilitiesAir.Valid0, row] = Goldilocks.Zero;
        witness.Trace[LiabilitiesAir.Valid1, row] = Goldilocks.Zero;
        AssertRejected(statement, witness.Trace, air);
    }

    [Fact]
    public void Cheat_AccountSkipped_Rejected()
    {
        // Account indices jump over 2: the tree has a hole (leaf N + 2 is never sent) and the last index is N.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        ShiftAccounts(witness.Trace, from: 2, delta: 1);
        AssertRejected(statement, witness.Trace, air);
    }

    [Fact]
    public void Cheat_AccountDuplicated_Rejected()
    {
        // Account 1 reuses index 0 (alice counted twice by the tree bus); indices after it shift down.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        ShiftAccounts(witness.Trace, from: 1, delta: -1);
        AssertRejected(statement, witness.Trace, air);
    }

    [Fact]
    public void Cheat_FakeAssetId_Rejected()
    {
        // dave's holding moves to asset id A + 1 (no public total): its balance disappears from asset 2.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        int row = FirstRowOf(witness.Trace, 3);
        var fake = new Goldilocks(ZkTestBatch.AssetCount + 1);
        witness.Trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, row] = fake;
        witness.Trace[LiabilitiesAir.In + 4, row] += new Goldilocks(2UL << 32);
        AssertRejected(statement, witness.Trace, air);
    }

    [Fact]
    public void Cheat_RootOfAnotherTree_Rejected()
    {
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        List<ZkAccount> other = ZkTestBatch.Accounts();
        other[0] = ZkTestBatch.Account("alice", [new(0, 150_000_001), new(2, 42_000_000)]);
        (ZkBatchStatement otherStatement, _, _) = ZkTestBatch.Prepare(other);
        Assert.False(CheatingTrace.ProveAndVerify(statement with { Root = otherStatement.Root }, witness.Trace).IsValid);
    }

    [Fact]
    public void Cheat_LeafNotInRoot_Rejected()
    {
        // An extra leaf send: bob's row claims to be a second last-row of alice's index (an extra, unreceived leaf).
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        int row = FirstRowOf(witness.Trace, 1);
        witness.Trace[LiabilitiesAir.Acct, row] = new Goldilocks(2 * (ulong)statement.AccountsPerBatch);
        AssertRejected(statement, witness.Trace, air);
    }

    [Fact]
    public void PublicInputs_EachChanged_ProofRejected()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(batchIndex: 1, batchCount: 3);
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness);
        Assert.True(ZkBatchVerifier.Verify(statement, proof, allowTestParameters: true).IsValid);
        var mutants = new List<ZkBatchStatement>
        {
            statement with { ParameterSetId = ZkParameterSet.Small.Id },
            statement with { ParameterSetId = "pol-unknown" },
            statement with { ContextDigest = ZkTestBatch.Context(2) },
            statement with { BatchIndex = 0 },
            statement with { BatchIndex = 2 },
            statement with { BatchCount = 2 },
            statement with { BatchCount = 4 },
            statement with { AccountsPerBatch = statement.AccountsPerBatch * 2 },
            statement with { AssetCount = statement.AssetCount + 1 },
            statement with { AssetCount = statement.AssetCount - 1 },
            statement with { ChainOut = [], Totals = [1, 2, 3] },
        };
        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            Goldilocks[] root = [.. statement.Root];
            root[i] += Goldilocks.One;
            mutants.Add(statement with { Root = root });
        }

        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            Goldilocks[] chainIn = [.. statement.ChainIn];
            chainIn[i] += Goldilocks.One;
            mutants.Add(statement with { ChainIn = chainIn });
            Goldilocks[] chainOut = [.. statement.ChainOut];
            chainOut[i] += Goldilocks.One;
            mutants.Add(statement with { ChainOut = chainOut });
        }

        foreach (ZkBatchStatement mutant in mutants)
        {
            Assert.False(ZkBatchVerifier.Verify(mutant, proof, allowTestParameters: true).IsValid, mutant.ToString());
        }
    }

    [Fact]
    public void BatchFromAnotherRound_Rejected()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(contextFill: 7);
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness);
        Assert.False(ZkBatchVerifier.Verify(statement with { ContextDigest = ZkTestBatch.Context(8) }, proof, allowTestParameters: true).IsValid);
    }

    [Fact]
    public void BatchSwappedBetweenPositions_Rejected()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(batchIndex: 0, batchCount: 2);
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness);
        Assert.False(ZkBatchVerifier.Verify(statement with { BatchIndex = 1 }, proof, allowTestParameters: true).IsValid);
    }

    [Fact]
    public void Cheat_UntaggedRangeMultiplicityAbsorbsSumError_Rejected()
    {
        // Pitfall 15: raise asset 1's claimed total by k and add k to the range multiplicity of value 1 (= asset id 1).
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        witness.Trace[LiabilitiesAir.Multiplicity0, 1] += new Goldilocks(5);
        UInt128[] claimed = [.. statement.Totals];
        claimed[0] += 5;
        Assert.False(CheatingTrace.ProveAndVerify(statement with { Totals = claimed }, witness.Trace).IsValid);
        _ = air;
    }

    [Fact]
    public void Cheat_TreeBusNumeratorsZeroed_LeafDroppedWhileRootKeepsIt_AcceptedOnlyWithoutTheBus()
    {
        // Carol's leaf rows are emptied (her holdings leave the sums) while every node row hashes the honest children,
        // so the claimed root is the honest one and still commits to her leaf. Only the tree digest bus ties the node
        // rows' inputs to the leaf rows actually summed.
        (ZkBatchStatement honest, ZkBatchStatement claimed, TraceTable trace) = LiabilitiesMutationTests.DropLeafKeepRoot();
        Assert.Equal(honest.Root, claimed.Root);
        Assert.Equal(honest.Totals[0] - 5, claimed.Totals[0]);
        Assert.Equal(honest.Totals[1] - ulong.MaxValue, claimed.Totals[1]);
        Assert.Equal(honest.Totals[2] - (1UL << 40), claimed.Totals[2]);

        Assert.Equal(VerificationFailure.OodInconsistent, CheatingTrace.ProveAndVerify(claimed, trace).Failure);
        AssertAcceptedWithout(LiabilitiesMutationTests.TreeBus, claimed, trace);
    }

    [Fact]
    public void Cheat_AssetIdRangeLookupRemoved_HoldingLeavesItsTotalUnderTheSameRoot_AcceptedOnlyWithTheLookup()
    {
        // Alice holds 5·2^32 of asset id 1 (hi = 5, lo = 0). Her slot's asset id becomes 1 + 5·2^−32 and its limbs zero:
        // the hashed lane m0 = hi + 2^32·asset + 2^48·last is unchanged, so her leaf and the root are exactly the honest
        // ones and her inclusion proof still shows the holding, but the sum sends a zero balance to a pole that no total
        // checks. The forged statement understates asset 1 by 5·2^32.
        (ZkBatchStatement honest, ZkBatchStatement claimed, TraceTable trace) = LiabilitiesMutationTests.AssetIdOffByFieldFraction();
        Assert.Equal(honest.Root, claimed.Root);
        Assert.Equal(honest.Totals[0] - (5UL << 32), claimed.Totals[0]);
        Assert.Equal(honest.Totals[1], claimed.Totals[1]);
        Assert.Equal(honest.Totals[2], claimed.Totals[2]);
        int row = LiabilitiesMutationTests.FirstRowOf(trace, 0);
        Assert.Equal(Goldilocks.One + (new Goldilocks(5) * Inverse(new Goldilocks(1UL << 32))), trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, row]);

        Assert.Equal(VerificationFailure.OodInconsistent, CheatingTrace.ProveAndVerify(claimed, trace).Failure);
        AssertAcceptedWithout(new MutantItem(MutantKind.Fraction, 4, "range slot0.asset", [4]), claimed, trace);
    }

    private static void AssertAcceptedWithout(MutantItem item, ZkBatchStatement claimed, TraceTable trace)
    {
        LiabilitiesAir air = LiabilitiesMutationTests.AirOf(claimed);
        var mutant = new MutantAir(air, item, new LiabilitiesMutationTests.Layout(air));
        VerificationResult result = MutationHarness.Verify(mutant, MutationHarness.Prove(mutant, trace, ZkParameterSet.Test.Options), ZkParameterSet.Test.Options);
        Assert.True(result.IsValid, result.Message);
    }

    private static void AssertRejected(ZkBatchStatement statement, TraceTable trace, LiabilitiesAir air)
    {
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(trace, air));
        VerificationResult result = CheatingTrace.ProveAndVerify(claimed, trace);
        Assert.False(result.IsValid);
    }

    private static IEnumerable<int> RowsWith(TraceTable trace, int column) =>
        Enumerable.Range(0, trace.Rows).Where(r => !trace[column, r].IsZero);

    private static int FirstRowOf(TraceTable trace, ulong account) =>
        RowsWith(trace, LiabilitiesAir.First).First(r => trace[LiabilitiesAir.Acct, r].Value == account);

    private static void ShiftAccounts(TraceTable trace, ulong from, long delta)
    {
        foreach (int r in RowsWith(trace, LiabilitiesAir.First).Concat(RowsWith(trace, LiabilitiesAir.Cont)))
        {
            ulong acct = trace[LiabilitiesAir.Acct, r].Value;
            if (acct >= from)
            {
                trace[LiabilitiesAir.Acct, r] = new Goldilocks((ulong)((long)acct + delta));
            }
        }
    }

    private static Goldilocks Inverse(Goldilocks x)
    {
        Span<Goldilocks> one = [x];
        Goldilocks.BatchInverse(one);
        return one[0];
    }
}
