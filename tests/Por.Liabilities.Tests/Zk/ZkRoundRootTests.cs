// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Liabilities.Tests.Zk;

public sealed class ZkRoundRootTests
{
    private static readonly JsonElement s_vectors = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "zk-round-root.json"))).RootElement;

    public static TheoryData<int> VectorIndices => [.. Enumerable.Range(0, s_vectors.GetProperty("vectors").GetArrayLength())];

    [Theory]
    [MemberData(nameof(VectorIndices))]
    public void Compute_MatchesIndependentVector(int index)
    {
        JsonElement v = s_vectors.GetProperty("vectors")[index];
        Assert.True(UtcTime.TryParse(v.GetProperty("snapshot_time").GetString()!, out DateTimeOffset time));
        JsonElement[] assets = [.. v.GetProperty("assets").EnumerateArray()];
        var table = new AssetTable(assets.Select(a => new Asset(a.GetProperty("symbol").GetString()!, (byte)a.GetProperty("decimals").GetInt32())));
        ulong[] totals = [.. assets.Select(a => ulong.Parse(a.GetProperty("total_units").GetString()!, CultureInfo.InvariantCulture))];
        Assert.True(ZkDigestHex.TryParse(v.GetProperty("tree_root").GetString()!, out Goldilocks[] treeRoot));

        byte[] context = ZkRoundContext.Digest(v.GetProperty("round_id").GetString()!, time, table);
        Assert.Equal(v.GetProperty("context_digest").GetString(), Convert.ToHexStringLower(context));
        string parameterSet = v.GetProperty("parameter_set").GetString()!;
        int batchCount = v.GetProperty("batch_count").GetInt32();
        Assert.Equal(v.GetProperty("root").GetString(), Convert.ToHexStringLower(ZkRoundRoot.Compute(context, parameterSet, batchCount, totals, treeRoot)));

        // The header computes the same root from its own fields.
        var header = new ZkRoundHeader(v.GetProperty("round_id").GetString()!, time, table, totals, parameterSet, batchCount, treeRoot, Convert.FromHexString(v.GetProperty("root").GetString()!));
        Assert.True(header.IsRootBound);
    }

    [Fact]
    public void Compute_BadArguments_Throw()
    {
        byte[] context = new byte[32];
        Goldilocks[] tree = [Goldilocks.Zero, Goldilocks.Zero, Goldilocks.Zero, Goldilocks.Zero];
        Assert.Throws<ArgumentException>(() => ZkRoundRoot.Compute(new byte[31], "p", 1, [1], tree));
        Assert.Throws<ArgumentException>(() => ZkRoundRoot.Compute(context, "", 1, [1], tree));
        Assert.Throws<ArgumentOutOfRangeException>(() => ZkRoundRoot.Compute(context, "p", 0, [1], tree));
        Assert.Throws<ArgumentException>(() => ZkRoundRoot.Compute(context, "p", 1, [], tree));
        Assert.Throws<ArgumentException>(() => ZkRoundRoot.Compute(context, "p", 1, [1], tree[..3]));
    }
}
