// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// The new rungs of the production ladder prove and verify (the smallest ones: the suite must stay fast), every rung
/// gives a well-formed AIR, and a proof is accepted only under the set its statement names.
/// </summary>
public sealed class ZkLadderProofTests
{
    // OKX's issue case (156 coins, every customer holds every coin): 78 rows per account.
    private const int OkxCoins = 156;

    [Theory]
    [InlineData("pol-v1-n9")]
    [InlineData("pol-v1-n10")]
    [InlineData("pol-v1-n11")]
    [InlineData("pol-v1-n8-r14")]
    public void NewSmallRung_ProvesAndVerifiesASmallBatch_OnlyUnderItsOwnId(string id)
    {
        ZkParameterSet set = ZkParameterSet.Find(id)!;
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(
            set, ZkTestBatch.Context(1), 0, 1, ZkTestBatch.AssetCount, ZkTestBatch.Accounts());
        Assert.Equal(id, statement.ParameterSetId);
        Assert.Equal(set.AccountsPerBatch, statement.AccountsPerBatch);
        Assert.Equal(set.TraceLength, air.TraceLength);
        byte[] proof = ZkBatchProver.Prove(set, air, witness);

        VerificationResult result = ZkBatchVerifier.Verify(statement, proof);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.Security!.ProvenBits >= 103);

        // Another set of the ladder with the same trace length and options: refused by id (N differs), and refused by
        // the proof when the statement is rewritten to match that set's N.
        ZkParameterSet other = ZkParameterSet.Ladder.FirstOrDefault(p => p != set && p.TraceLength == set.TraceLength)
            ?? ZkParameterSet.Ladder.First(p => p != set && p.AccountsPerBatch == set.AccountsPerBatch);
        Assert.False(ZkBatchVerifier.Verify(statement with { ParameterSetId = other.Id }, proof).IsValid);
        Assert.False(ZkBatchVerifier.Verify(statement with { ParameterSetId = other.Id, AccountsPerBatch = other.AccountsPerBatch }, proof).IsValid);
    }

    [Fact]
    public void RoundVerifier_AskedForAnotherSet_RejectsStatementsOfThisOne()
    {
        // Statements and proofs under pol-v1-n9; the verifier is asked for pol-v1-n10 (same trace length and options),
        // as a manifest naming n10 would ask it: the statements' set differs, so the round is rejected.
        ZkParameterSet n9 = ZkParameterSet.Find("pol-v1-n9")!;
        byte[] context = ZkTestBatch.Context(5);
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(n9, context, 0, 1, ZkTestBatch.AssetCount, ZkTestBatch.Accounts());
        byte[] proof = ZkBatchProver.Prove(n9, air, witness);
        Goldilocks[] root = ZkRoundProver.Root([statement]);
        Assert.Null(ZkRoundVerifier.Verify("pol-v1-n9", context, root, statement.Totals, [statement], [proof]));

        (BundleFailure Failure, string Message)? failure = ZkRoundVerifier.Verify("pol-v1-n10", context, root, statement.Totals, [statement], [proof]);
        Assert.NotNull(failure);
        Assert.Equal(BundleFailure.StatementMismatch, failure.Value.Failure);

        // Rewriting the statements to name n10 (and its N) does not help: the proof is bound to n9's statement.
        ZkBatchStatement renamed = statement with { ParameterSetId = "pol-v1-n10", AccountsPerBatch = 1 << 10 };
        failure = ZkRoundVerifier.Verify("pol-v1-n10", context, ZkRoundProver.Root([renamed]), statement.Totals, [renamed], [proof]);
        Assert.NotNull(failure);
        Assert.Equal(BundleFailure.BatchProofRejected, failure.Value.Failure);
    }

    [Fact]
    public void EveryLadderRung_HasAWellFormedAir_AndRoomForItsLeaves()
    {
        foreach (ZkParameterSet set in ZkParameterSet.Ladder)
        {
            var statement = new ZkBatchStatement(
                set.Id, new byte[32], 0, 1, set.AccountsPerBatch, ZkTestBatch.ZeroDigest(), 22, ZkChainOpening.Zero(22).Commit(), [], new UInt128[22]);
            Assert.Null(statement.Validate());
            var air = new LiabilitiesAir(statement, set.TraceLength, set.Options.RandomRows);
            Assert.Equal(LiabilitiesAir.RangeSize, air.TableRows * air.TableColumns);
            Assert.NotEmpty(air.GetAssertions(new AirContext(air.TraceLength, air.RandomRows)));

            // N accounts of one row each and 22 assets fit; the standard rungs hold ~2 rows per account slot beyond
            // that, the row-heavy ones 62.
            long spare = set.TraceLength - set.Options.RandomRows - LiabilitiesTraceBuilder.RequiredRows([], set.AccountsPerBatch, 22);
            Assert.True(spare >= set.AccountsPerBatch, set.Id);
            Assert.True(set.Id.Contains("-r", StringComparison.Ordinal) ? spare >= 60L * set.AccountsPerBatch : spare < 15L * set.AccountsPerBatch, set.Id);
        }
    }

    [Fact]
    public void OkxIssueRound_UnderSmall_TheFullestPlacedBatchProves()
    {
        // The issue: 1,023 customers holding all 156 coins failed under pol-v1-n8 with "The batch needs 4291 rows but
        // the shape has 3982" (the placement of that time counted A rows per batch for the assets instead of 3·A).
        // Place the whole round, then prove its fullest batch.
        ZkParameterSet set = ZkParameterSet.Small;
        long rows = set.TraceLength - set.Options.RandomRows;
        ZkOpening[] leaves = [.. Enumerable.Range(0, 1023).Select(i => new ZkOpening(
            [unchecked((byte)i), unchecked((byte)(i >> 8))], new byte[32], ZkTestBatch.ZeroDigest(), [.. Enumerable.Range(0, OkxCoins).Select(a => new Holding((ushort)a, (ulong)(i + a + 1)))]))];
        List<IReadOnlyList<ZkOpening>> batches = ZkLeafPlacement.Place(leaves, set.AccountsPerBatch, rows, OkxCoins);
        Assert.All(batches, b => Assert.True(LiabilitiesTraceBuilder.RequiredRows(b.Where(l => !l.IsPadding).Select(l => l.Holdings.Length), set.AccountsPerBatch, OkxCoins) <= rows));
        IReadOnlyList<ZkOpening> fullest = batches.MaxBy(b => b.Count(l => !l.IsPadding))!;
        List<ZkAccount> accounts = [.. fullest.Where(l => !l.IsPadding).Select(l => new ZkAccount(l.IdCommitment, l.Holdings))];
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(set, ZkTestBatch.Context(2), 0, 1, OkxCoins, accounts);
        Assert.True(ZkBatchVerifier.Verify(statement, ZkBatchProver.Prove(set, air, witness)).IsValid);
    }
}
