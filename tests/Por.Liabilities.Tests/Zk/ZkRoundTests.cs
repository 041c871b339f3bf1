// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

public sealed class ZkRoundTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;

    [Fact]
    public void ProveRound_TwoBatches_VerifiesAndResumesAfterCrash()
    {
        using var dir = new TempDirectory();
        using var secret = new TempDirectory();
        byte[] context = ZkTestBatch.Context(3);
        List<IReadOnlyList<ZkAccount>> batches = [ZkTestBatch.Accounts(), [ZkTestBatch.Account("zed", [new(1, 9)])]];
        (ZkBatchStatement[] statements, int proven) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true, secret.Path);
        Assert.Equal(2, proven);
        byte[] firstProof = File.ReadAllBytes(Path.Combine(dir.Path, ZkBundleLayout.ProofFileName(0)));

        // The running totals' openings stay in the private directory only.
        Assert.True(File.Exists(Path.Combine(secret.Path, ZkRoundProver.OpeningFile(0))));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.opening"));
        Assert.Throws<ArgumentException>(() => ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, true, dir.Path + Path.DirectorySeparatorChar));

        // Crash after batch 0: batch 1's files are gone; the rerun proves only batch 1, from batch 0's stored opening.
        File.Delete(Path.Combine(dir.Path, ZkBundleLayout.ProofFileName(1)));
        (ZkBatchStatement[] resumed, int provenAgain) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true, secret.Path);
        Assert.Equal(1, provenAgain);
        Assert.Equal(firstProof, File.ReadAllBytes(Path.Combine(dir.Path, ZkBundleLayout.ProofFileName(0))));
        Assert.Equal(statements[0].ToBytes(), resumed[0].ToBytes());

        Goldilocks[] root = ZkRoundProver.Root(resumed);
        UInt128[] totals = ZkRoundProver.Totals(resumed);
        Assert.Equal(SumOf(batches), totals);
        byte[][] proofs = ReadProofs(dir.Path, 2);
        Assert.Null(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, resumed, proofs, allowTestParameters: true));

        // Swapped batches, a dropped batch, a duplicated batch, another round's context, wrong totals or root: rejected.
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [resumed[1], resumed[0]], [proofs[1], proofs[0]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [resumed[0]], [proofs[0]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [resumed[0], resumed[0]], [proofs[0], proofs[0]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, ZkTestBatch.Context(4), root, totals, resumed, proofs, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, [totals[0] + 1, totals[1], totals[2]], resumed, proofs, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, [root[1], root[0], root[2], root[3]], totals, resumed, proofs, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, resumed, [proofs[0], proofs[0]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, resumed, proofs));
    }

    [Fact]
    public void ProveRound_ThreeBatches_ChainVerifiesAndEveryBreakIsRejected()
    {
        using var dir = new TempDirectory();
        using var secret = new TempDirectory();
        byte[] context = ZkTestBatch.Context(6);
        List<IReadOnlyList<ZkAccount>> batches =
        [
            ZkTestBatch.Accounts(),
            [ZkTestBatch.Account("zed", [new(1, 9)]), ZkTestBatch.Account("yan", [new(0, ulong.MaxValue), new(2, 1)])],
            [ZkTestBatch.Account("xia", [new(2, 77)])],
        ];
        (ZkBatchStatement[] a, int proven) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dir.Path, allowTestParameters: true, secret.Path);
        Assert.Equal(3, proven);
        byte[][] proofsA = ReadProofs(dir.Path, 3);
        Goldilocks[] root = ZkRoundProver.Root(a);
        UInt128[] totals = ZkRoundProver.Totals(a);
        Assert.Equal(SumOf(batches), totals);
        Assert.All(a[..2], s => Assert.Empty(s.Totals));
        Assert.Equal(a[0].ChainOut, a[1].ChainIn);
        Assert.Equal(a[1].ChainOut, a[2].ChainIn);
        Assert.Null(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, a, proofsA, allowTestParameters: true));

        // Lose batch 1's private opening: the rerun keeps batch 0, proves batches 1 and 2 again with fresh blindings.
        using var dirB = new TempDirectory();
        foreach (string file in Directory.GetFiles(dir.Path))
        {
            File.Copy(file, Path.Combine(dirB.Path, Path.GetFileName(file)));
        }

        File.Delete(Path.Combine(secret.Path, ZkRoundProver.OpeningFile(1)));
        (ZkBatchStatement[] b, int provenB) = ZkRoundProver.ProveRound(s_set, context, ZkTestBatch.AssetCount, batches, dirB.Path, allowTestParameters: true, secret.Path);
        Assert.Equal(2, provenB);
        byte[][] proofsB = ReadProofs(dirB.Path, 3);
        Assert.Equal(a[0].ToBytes(), b[0].ToBytes());
        Assert.NotEqual(a[1].ChainOut, b[1].ChainOut);
        Assert.Equal(totals, ZkRoundProver.Totals(b));
        Assert.Null(ZkRoundVerifier.Verify(s_set.Id, context, ZkRoundProver.Root(b), totals, b, proofsB, allowTestParameters: true));

        // Chain broken: a batch from the other proving run (right round, right position, valid proof) in either slot.
        {
            var failed = ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], b[1], a[2]], [proofsA[0], proofsB[1], proofsA[2]], allowTestParameters: true);
            Assert.Equal(BundleFailure.ChainBroken, failed?.Failure);
            Assert.Contains("chain-in", failed?.Message, StringComparison.Ordinal);
        }
        {
            var failed = ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[1], b[2]], [proofsA[0], proofsA[1], proofsB[2]], allowTestParameters: true);
            Assert.Equal(BundleFailure.ChainBroken, failed?.Failure);
            Assert.Contains("chain-in", failed?.Message, StringComparison.Ordinal);
        }

        // Swapped, dropped, duplicated batches; wrong totals, root or context; a statement's commitment changed.
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[1], a[0], a[2]], [proofsA[1], proofsA[0], proofsA[2]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[2], a[1]], [proofsA[0], proofsA[2], proofsA[1]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[2]], [proofsA[0], proofsA[2]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[1], a[1]], [proofsA[0], proofsA[1], proofsA[1]], allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, [totals[0], totals[1], totals[2] - 1], a, proofsA, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, ZkRoundProver.Root(a[..2]), totals, a, proofsA, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, ZkTestBatch.Context(7), root, totals, a, proofsA, allowTestParameters: true));
        Goldilocks[] changed = [.. a[1].ChainOut];
        changed[2] += Goldilocks.One;
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[1] with { ChainOut = changed }, a[2] with { ChainIn = changed }], proofsA, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, [a[0], a[1] with { ChainIn = changed }, a[2]], proofsA, allowTestParameters: true));
        Assert.NotNull(ZkRoundVerifier.Verify(s_set.Id, context, root, totals, a, proofsA));
    }

    [Fact]
    public void StatementBytes_RoundTripAndRejectTrailingBytes()
    {
        (ZkBatchStatement statement, _, _) = ZkTestBatch.Prepare();
        byte[] bytes = statement.ToBytes();
        Assert.True(ZkBatchStatement.TryParse(bytes, out ZkBatchStatement? parsed));
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.False(ZkBatchStatement.TryParse([.. bytes, 0], out _));
        Assert.False(ZkBatchStatement.TryParse(bytes.AsSpan(0, bytes.Length - 1), out _));
    }

    [Fact]
    public void Inclusion_ValidPath_AcceptedAndEveryMutationRejected()
    {
        // Three batches' roots (only batch 1 is a real tree here) and a customer in batch 1.
        byte[] salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Holding[] holdings = [new(0, 10), new(2, 1UL << 40)];
        List<ZkAccount> accounts = ZkTestBatch.Accounts();
        accounts[3] = new ZkAccount(ZkAccountEncoding.IdCommitment("carol"u8, salt), holdings);
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts, batchIndex: 1, batchCount: 3);
        List<Goldilocks[]> batchRoots = [[new(1), new(2), new(3), new(4)], statement.Root, [new(5), new(6), new(7), new(8)]];
        IReadOnlyList<Goldilocks[][]> top = ZkRoundTree.Levels(batchRoots);
        Goldilocks[] root = top[^1][0];
        var proof = new ZkInclusionProof(
            s_set.Id, Encoding.UTF8.GetBytes("carol"), salt, holdings, 1, 3, 3,
            ZkRoundTree.Path(ZkRoundTree.BatchLevels(witness.Nodes), 3), ZkRoundTree.Path(top, 1));
        Assert.Null(ZkInclusionVerifier.Verify(proof, root, 3, s_set.Id));
        Assert.True(proof.PathBytes <= 1024);

        ZkInclusionProof[] mutants =
        [
            proof with { Holdings = [new(0, 11), new(2, 1UL << 40)] },
            proof with { Holdings = [new(0, 10)] },
            proof with { Holdings = [new(2, 1UL << 40), new(0, 10)] },
            proof with { AccountId = Encoding.UTF8.GetBytes("carol2") },
            proof with { Salt = [.. salt.Reverse()] },
            proof with { LeafIndex = 2 },
            proof with { LeafIndex = s_set.AccountsPerBatch + 3 },
            proof with { BatchIndex = 0 },
            proof with { BatchIndex = 3 },
            proof with { BatchPath = proof.BatchPath[..^1] },
            proof with { TopPath = [.. proof.TopPath, proof.TopPath[0]] },
            proof with { BatchPath = [proof.BatchPath[1], proof.BatchPath[0], .. proof.BatchPath[2..]] },
            proof with { ParameterSetId = ZkParameterSet.Small.Id },
        ];
        foreach (ZkInclusionProof mutant in mutants)
        {
            Assert.NotNull(ZkInclusionVerifier.Verify(mutant, root, 3, s_set.Id));
        }

        Assert.NotNull(ZkInclusionVerifier.Verify(proof, root, 4, s_set.Id));
        Assert.NotNull(ZkInclusionVerifier.Verify(proof, [root[0] + Goldilocks.One, root[1], root[2], root[3]], 3, s_set.Id));
    }

    private static UInt128[] SumOf(IEnumerable<IReadOnlyList<ZkAccount>> batches)
    {
        var totals = new UInt128[ZkTestBatch.AssetCount];
        foreach (ZkAccount account in batches.SelectMany(b => b))
        {
            foreach (Holding h in account.Holdings)
            {
                totals[h.Asset] += h.Amount;
            }
        }

        return totals;
    }

    private static byte[][] ReadProofs(string directory, int count) =>
        [.. Enumerable.Range(0, count).Select(b => File.ReadAllBytes(Path.Combine(directory, ZkBundleLayout.ProofFileName(b))))];
}
