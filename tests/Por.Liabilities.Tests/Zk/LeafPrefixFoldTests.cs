// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// The leaf-prefix forgery (issue 12): hash an account's first f blocks into a forged id commitment
/// C* = s_f, keep only the holdings after them, and the leaf chain ends in the same digest, so the customer's inclusion
/// verifies while the proven totals lose the prefix. The first-block marker makes the leaf injective and the AIR
/// enforces it.
/// </summary>
public sealed class LeafPrefixFoldTests
{
    private const int Assets = 6;

    private static readonly JsonElement s_vectors = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "zk-tree.json"))).RootElement;

    public static TheoryData<int> FoldVectorIndices => [.. Enumerable.Range(0, s_vectors.GetProperty("folds").GetArrayLength())];

    /// <summary>
    /// (k holdings of the victim, f folded blocks). An account of k ≤ 2 holdings has one block and no prefix to fold; k = 2
    /// is the remainder of the k = 4 and k = 6 folds (one block of two holdings left), k = 1 that of k = 3 and k = 5.
    /// </summary>
    public static TheoryData<int, int> Folds => new() { { 3, 1 }, { 4, 1 }, { 5, 1 }, { 5, 2 }, { 6, 1 }, { 6, 2 } };

    [Theory]
    [MemberData(nameof(Folds))]
    public void Cheat_FoldedLeafPrefix_Rejected(int holdingCount, int folds)
    {
        Holding[] holdings = [.. Enumerable.Range(0, holdingCount).Select(a => new Holding((ushort)a, 1_000_000UL * (ulong)(a + 1)))];
        ZkAccount victim = ZkTestBatch.Account("victim", holdings);
        Goldilocks[] honestLeaf = ZkAccountEncoding.Leaf(victim.IdCommitment, holdings);
        var forged = new ZkAccount(ChainState(victim.IdCommitment, holdings, folds), holdings[(2 * folds)..]);
        List<ZkAccount> accounts = [ZkTestBatch.Account("alice", [new(0, 5), new(3, 9)]), forged, ZkTestBatch.Account("bob", [new(1, 7)])];

        // The honest prover builds the forged account with the marker on its first block; the cheater takes it off,
        // so that block hashes like the victim's block f, and re-derives everything else.
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(
            ZkParameterSet.Test, ZkTestBatch.Context(1), 0, 1, Assets, accounts);
        TraceTable trace = witness.Trace;
        int firstRow = Enumerable.Range(0, trace.Rows).First(r => !trace[LiabilitiesAir.First, r].IsZero && trace[LiabilitiesAir.Acct, r].Value == 1);
        trace[LiabilitiesAir.In + 4, firstRow] -= new Goldilocks(ZkAccountEncoding.FirstBlockMarker);
        var rewired = CheatingTrace.Rewire(trace, air);
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, rewired);

        // The forgery is real: the proven tree holds the victim's honest leaf at its position, and the claimed totals
        // lack the folded holdings.
        int lastRow = Enumerable.Range(0, trace.Rows).First(r => !trace[LiabilitiesAir.LastLeaf, r].IsZero && trace[LiabilitiesAir.Acct, r].Value == 1);
        Assert.Equal(honestLeaf, Enumerable.Range(0, ZkAccountEncoding.DigestSize).Select(j => trace[LiabilitiesAir.Digest + j, lastRow]));
        for (int h = 0; h < 2 * folds; h++)
        {
            Assert.Equal(statement.Totals[h], claimed.Totals[h]);
            Assert.Equal(HonestTotal(accounts, victim, h), claimed.Totals[h] + holdings[h].Amount);
        }

        VerificationResult result = CheatingTrace.ProveAndVerify(claimed, trace);
        Assert.Equal(VerificationFailure.OodInconsistent, result.Failure);
    }

    [Fact]
    public void Cheat_FoldedLeafPrefix_HonestMarkerGivesAnotherLeaf()
    {
        // The cheater's other choice: keep the marker, and the proof is valid, but the tree no longer holds the victim's
        // leaf, so the victim's inclusion check fails.
        Holding[] holdings = [new(0, 10), new(1, 20), new(2, 30)];
        ZkAccount victim = ZkTestBatch.Account("victim", holdings);
        var forged = new ZkAccount(ChainState(victim.IdCommitment, holdings, 1), holdings[2..]);
        Assert.NotEqual(ZkAccountEncoding.Leaf(victim.IdCommitment, holdings), ZkAccountEncoding.Leaf(forged.IdCommitment, forged.Holdings));
    }

    [Theory]
    [MemberData(nameof(FoldVectorIndices))]
    public void Fold_MatchesIndependentVector(int index)
    {
        JsonElement v = s_vectors.GetProperty("folds")[index];
        Goldilocks[] c = ZkAccountEncoding.IdCommitment(System.Text.Encoding.UTF8.GetBytes(v.GetProperty("uid").GetString()!), Convert.FromHexString(v.GetProperty("salt").GetString()!));
        Holding[] holdings = ReadHoldings(v.GetProperty("holdings"));
        Holding[] rest = ReadHoldings(v.GetProperty("folded_holdings"));
        Goldilocks[] folded = Elements(v.GetProperty("folded_commitment"));
        Assert.Equal(folded, ChainState(c, holdings, 1));
        Assert.Equal(Elements(v.GetProperty("leaf")), ZkAccountEncoding.Leaf(c, holdings));
        Assert.Equal(Elements(v.GetProperty("folded_leaf")), ZkAccountEncoding.Leaf(folded, rest));
        Assert.NotEqual(ZkAccountEncoding.Leaf(c, holdings), ZkAccountEncoding.Leaf(folded, rest));
    }

    [Fact]
    public void Leaf_DistinctAccountsAndEveryPrefixFold_NeverShareALeaf()
    {
        // Property: distinct (C, holdings) pairs have distinct leaves, and so does every fold of every prefix
        // (C* = s_f after f blocks, holdings from 2f on), single or repeated.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        Gen<Goldilocks[]> commitments = Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Select(x => new Goldilocks((ulong)x * 2654435761UL)), ZkAccountEncoding.DigestSize);
        Gen<Holding[]> holdingLists = Gen.ListOf(Gen.Zip(Gen.Choose(0, 1), Gen.Elements(0UL, 1UL, 1UL << 32, ulong.MaxValue)))
            .Select(list =>
            {
                // Strictly increasing asset indices with random gaps (Choose(0, 1) adds a gap of one asset).
                var result = new List<Holding>();
                int asset = 0;
                foreach ((int gap, ulong amount) in list.Take(9))
                {
                    asset += gap;
                    result.Add(new Holding((ushort)asset, amount));
                    asset++;
                }

                return result.ToArray();
            });
        Prop.ForAll(
            Gen.Zip(commitments, holdingLists).ToArbitrary(),
            pair =>
            {
                (Goldilocks[] c, Holding[] holdings) = pair;
                string leaf = Key(ZkAccountEncoding.Leaf(c, holdings));
                string description = Key(c) + "|" + string.Join(',', holdings.Select(h => h.Asset + ":" + h.Amount));
                if (seen.TryGetValue(leaf, out string? earlier) && earlier != description)
                {
                    return false;
                }

                seen[leaf] = description;
                for (int f = 1; f < ZkAccountEncoding.BlockCount(holdings.Length); f++)
                {
                    if (Key(ZkAccountEncoding.Leaf(ChainState(c, holdings, f), holdings.AsSpan(2 * f))) == leaf)
                    {
                        return false;
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }

    /// <summary>s_f: the leaf chain's state after the first <paramref name="blocks"/> blocks (a forged id commitment).</summary>
    private static Goldilocks[] ChainState(Goldilocks[] idCommitment, Holding[] holdings, int blocks)
    {
        var state = (Goldilocks[])idCommitment.Clone();
        Span<Goldilocks> block = stackalloc Goldilocks[ZkAccountEncoding.DigestSize];
        for (int b = 0; b < blocks; b++)
        {
            ZkAccountEncoding.BlockInputs(holdings, b, block);
            ZkAccountEncoding.Permutation.Compress(state, block, state);
        }

        return state;
    }

    private static UInt128 HonestTotal(List<ZkAccount> accounts, ZkAccount victim, int asset) =>
        accounts.Where((_, i) => i != 1).Append(victim).SelectMany(a => a.Holdings).Where(h => h.Asset == asset).Aggregate(UInt128.Zero, (s, h) => s + h.Amount);

    private static Holding[] ReadHoldings(JsonElement array) =>
        [.. array.EnumerateArray().Select(h => new Holding((ushort)(h[0].GetInt32() - 1), ulong.Parse(h[1].GetString()!, CultureInfo.InvariantCulture)))];

    private static Goldilocks[] Elements(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => new Goldilocks(ulong.Parse(e.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];

    private static string Key(IEnumerable<Goldilocks> digest) => string.Join(',', digest.Select(g => g.Value));
}
