// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Zk;

namespace Por.Liabilities.Tests.Zk;

public sealed class ZkRoundContextTests
{
    private static readonly JsonElement s_vectors = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "zk-context.json"))).RootElement;

    public static TheoryData<int> VectorIndices => [.. Enumerable.Range(0, s_vectors.GetProperty("vectors").GetArrayLength())];

    [Theory]
    [MemberData(nameof(VectorIndices))]
    public void Digest_MatchesIndependentVector(int index)
    {
        JsonElement v = s_vectors.GetProperty("vectors")[index];
        Assert.True(UtcTime.TryParse(v.GetProperty("snapshot_time").GetString()!, out DateTimeOffset time));
        var assets = new AssetTable(v.GetProperty("assets").EnumerateArray().Select(a => new Asset(a.GetProperty("symbol").GetString()!, (byte)a.GetProperty("decimals").GetInt32())));
        Assert.Equal(v.GetProperty("digest").GetString(), Convert.ToHexStringLower(ZkRoundContext.Digest(v.GetProperty("round_id").GetString()!, time, assets)));
    }

    [Fact]
    public void Digest_EveryFieldChanges_DistinctDigests()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        AssetTable Table(params Asset[] a) => new(a);
        byte[][] digests =
        [
            ZkRoundContext.Digest("r", time, Table(new Asset("BTC", 8), new Asset("ETH", 18))),
            ZkRoundContext.Digest("s", time, Table(new Asset("BTC", 8), new Asset("ETH", 18))),
            ZkRoundContext.Digest("r", time.AddSeconds(1), Table(new Asset("BTC", 8), new Asset("ETH", 18))),
            ZkRoundContext.Digest("r", time, Table(new Asset("BTC", 8), new Asset("ETH", 17))),
            ZkRoundContext.Digest("r", time, Table(new Asset("ETH", 18), new Asset("BTC", 8))),
            ZkRoundContext.Digest("r", time, Table(new Asset("BTC", 8))),
            ZkRoundContext.Digest("r", time, Table(new Asset("BTCE", 8), new Asset("TH", 18))),
        ];
        Assert.Equal(digests.Length, digests.Select(Convert.ToHexString).Distinct(StringComparer.Ordinal).Count());
        Assert.Throws<ArgumentException>(() => ZkRoundContext.Digest("", time, Table(new Asset("BTC", 8))));
    }
}
