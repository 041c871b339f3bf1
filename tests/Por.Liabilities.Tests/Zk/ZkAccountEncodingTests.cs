// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

public sealed class ZkAccountEncodingTests
{
    private static readonly JsonElement s_vectors = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "zk-tree.json"))).RootElement;

    public static TheoryData<int> LeafVectorIndices => [.. Enumerable.Range(0, s_vectors.GetProperty("leaves").GetArrayLength())];

    public static TheoryData<int> NodeVectorIndices => [.. Enumerable.Range(0, s_vectors.GetProperty("nodes").GetArrayLength())];

    [Theory]
    [MemberData(nameof(LeafVectorIndices))]
    public void Leaf_MatchesIndependentVector(int index)
    {
        JsonElement v = s_vectors.GetProperty("leaves")[index];
        Goldilocks[] c = ZkAccountEncoding.IdCommitment(Encoding.UTF8.GetBytes(v.GetProperty("uid").GetString()!), Convert.FromHexString(v.GetProperty("salt").GetString()!));
        Assert.Equal(Elements(v.GetProperty("id_commitment")), c);
        Holding[] holdings = [.. v.GetProperty("holdings").EnumerateArray().Select(h => new Holding((ushort)(h[0].GetInt32() - 1), ulong.Parse(h[1].GetString()!, CultureInfo.InvariantCulture)))];
        Assert.Equal(Elements(v.GetProperty("leaf")), ZkAccountEncoding.Leaf(c, holdings));
    }

    [Theory]
    [MemberData(nameof(NodeVectorIndices))]
    public void Node_MatchesIndependentVector(int index)
    {
        JsonElement v = s_vectors.GetProperty("nodes")[index];
        Assert.Equal(Elements(v.GetProperty("node")), ZkAccountEncoding.Node(Elements(v.GetProperty("left")), Elements(v.GetProperty("right"))));
    }

    [Fact]
    public void Leaf_DistinctHoldingsOrderAndEmpty_DistinctLeaves()
    {
        Goldilocks[] c = ZkAccountEncoding.IdCommitment("u"u8, new byte[32]);
        Holding[][] cases =
        [
            [],
            [new(0, 0)],
            [new(0, 1)],
            [new(1, 1)],
            [new(0, 1), new(1, 1)],
            [new(0, 1), new(1, 1), new(2, 0)],
            [new(0, 1UL << 32)],
            [new(0, 1), new(2, 1)],
            [new(0, 0), new(1, 0)],
            [new(1, 0)],
        ];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Holding[] holdings in cases)
        {
            Assert.True(seen.Add(Key(ZkAccountEncoding.Leaf(c, holdings))));
        }
    }

    [Fact]
    public void Leaf_NonCanonicalOrder_Rejected()
    {
        Goldilocks[] c = ZkAccountEncoding.IdCommitment("u"u8, new byte[32]);
        Assert.Throws<ArgumentException>(() => ZkAccountEncoding.Leaf(c, [new(1, 1), new(0, 1)]));
        Assert.Throws<ArgumentException>(() => ZkAccountEncoding.Leaf(c, [new(1, 1), new(1, 2)]));
    }

    [Fact]
    public void Leaf_RandomHoldingLists_Injective()
    {
        Goldilocks[] c = ZkAccountEncoding.IdCommitment("u"u8, new byte[32]);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        Prop.ForAll(
            Gen.ListOf(Gen.Zip(Gen.Choose(0, 6), Gen.Elements(0UL, 1UL, 2UL, 1UL << 32, ulong.MaxValue))).ToArbitrary(),
            list =>
            {
                Holding[] holdings = [.. list.DistinctBy(t => t.Item1).OrderBy(t => t.Item1).Select(t => new Holding((ushort)t.Item1, t.Item2))];
                string description = string.Join(';', holdings.Select(h => $"{h.Asset}:{h.Amount}"));
                string key = Key(ZkAccountEncoding.Leaf(c, holdings));
                if (seen.TryGetValue(key, out string? previous))
                {
                    Assert.Equal(previous, description);
                }

                seen[key] = description;
            }).Check(Seeded.Config(300));
    }

    [Fact]
    public void IdCommitment_WrongSaltLength_Rejected() =>
        Assert.Throws<ArgumentException>(() => ZkAccountEncoding.IdCommitment("u"u8, new byte[31]));

    private static string Key(Goldilocks[] digest) => string.Join(',', digest.Select(d => d.Value));

    private static Goldilocks[] Elements(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => new Goldilocks(Convert.ToUInt64(e.GetString()!, 16)))];
}
