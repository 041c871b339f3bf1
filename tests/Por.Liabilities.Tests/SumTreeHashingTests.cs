// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests;

public sealed class SumTreeHashingTests
{
    private static readonly JsonElement s_vectors = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "transparent-tree.json"))).RootElement;
    private static readonly AssetTable s_assets = new([new Asset("BTC", 8), new Asset("ETH", 8), new Asset("USDT", 6)]);

    [Fact]
    public void CommitmentAndLeaf_MatchIndependentVectors()
    {
        foreach (var account in s_vectors.GetProperty("accounts").EnumerateArray())
        {
            var commitment = Commitment(account);
            Assert.Equal(account.GetProperty("commitment").GetString(), Convert.ToHexStringLower(commitment));
            Assert.Equal(account.GetProperty("leaf").GetString(), Convert.ToHexStringLower(Leaf(commitment, Balances(account))));
        }
    }

    [Fact]
    public void Padding_MatchesIndependentVectors()
    {
        Assert.Equal(s_vectors.GetProperty("padding_leaf").GetString(), Convert.ToHexStringLower(SumTreeHashing.PaddingDigest(0).ToArray()));
        Assert.Equal(s_vectors.GetProperty("padding_level1").GetString(), Convert.ToHexStringLower(SumTreeHashing.PaddingDigest(1).ToArray()));
    }

    [Theory]
    [InlineData(1, "root_1_account")]
    [InlineData(2, "root_2_accounts")]
    [InlineData(3, "root_3_accounts")]
    public void TreeComputer_RootsMatchIndependentVectors(int count, string vector)
    {
        var accounts = s_vectors.GetProperty("accounts").EnumerateArray().Take(count).ToList();
        var block = new LeafBlock(4);
        foreach (var a in accounts)
        {
            block.Add(Commitment(a), Holdings(Balances(a)));
        }

        using var dir = new TempDirectory();
        using var nodes = new MemoryStream();
        var result = new SumTreeComputer(count, s_assets.Count).Run(new BlockSource(block), nodes, dir.Path, null, null, TestContext.Current.CancellationToken);
        var descriptor = new RoundDescriptor("2026-11", DateTimeOffset.FromUnixTimeSeconds(1793491200), s_assets, count);
        Assert.Equal(s_vectors.GetProperty(vector).GetString(), Convert.ToHexStringLower(SumTreeHashing.Root(descriptor, result.TopDigest, result.Totals)));
    }

    [Fact]
    public void Leaf_DifferentHoldings_DifferentDigests()
    {
        var c = new byte[32];
        var seen = new HashSet<string>
        {
            Convert.ToHexStringLower(Leaf(c, [0, 0, 0])),
            Convert.ToHexStringLower(Leaf(c, [1, 0, 0])),
            Convert.ToHexStringLower(Leaf(c, [0, 1, 0])),
            Convert.ToHexStringLower(Leaf(c, [1, 1, 0])),
            Convert.ToHexStringLower(Leaf(c, [256, 0, 0])),
            Convert.ToHexStringLower(SumTreeHashing.PaddingDigest(0).ToArray()),
        };
        Assert.Equal(6, seen.Count);
    }

    [Fact]
    public void Commitment_LengthPrefixed_NoAmbiguousSplit()
    {
        var salt = new byte[32];
        var a = new byte[32];
        var b = new byte[32];
        SumTreeHashing.Commitment("ab"u8, "c"u8, salt, a);
        SumTreeHashing.Commitment("a"u8, "bc"u8, salt, b);
        Assert.NotEqual(a, b);
    }

    private static byte[] Commitment(JsonElement account)
    {
        var c = new byte[32];
        SumTreeHashing.Commitment("2026-11"u8, Encoding.UTF8.GetBytes(account.GetProperty("id").GetString()!), Convert.FromHexString(account.GetProperty("salt").GetString()!), c);
        return c;
    }

    private static ulong[] Balances(JsonElement account) => [.. account.GetProperty("balances").EnumerateArray().Select(e => e.GetUInt64())];

    private static Holding[] Holdings(ulong[] dense) => [.. dense.Select((v, i) => new Holding((ushort)i, v)).Where(h => h.Amount != 0)];

    private static byte[] Leaf(byte[] commitment, ulong[] dense)
    {
        var d = new byte[32];
        SumTreeHashing.LeafDigest(commitment, Holdings(dense), new byte[256], d);
        return d;
    }

    private sealed class BlockSource(LeafBlock block) : ILeafSource
    {
        public void Fill(LeafBlock target, long firstLeaf, int count)
        {
            for (var i = 0; i < count; i++)
            {
                target.Add(block.Commitment((int)firstLeaf + i), block.Holdings((int)firstLeaf + i));
            }
        }
    }
}
