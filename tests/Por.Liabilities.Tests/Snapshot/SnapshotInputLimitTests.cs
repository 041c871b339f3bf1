// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Testing;

namespace Por.Liabilities.Tests.Snapshot;

/// <summary>Limits and undecodable text in snapshot inputs and asset lists are located errors (file, line, field),
/// never an exception from the JSON library.</summary>
public sealed class SnapshotInputLimitTests
{
    private static readonly AssetTable s_assets = new([new Asset("BTC", 8), new Asset("ETH", 8)]);

    public static TheoryData<string, string, long, string, string> Rejections()
    {
        var longId = new string('a', 2000);
        var escapedId = string.Concat(Enumerable.Repeat("\\u0041", 300));
        return new()
        {
            // A 2,000-byte id used to overflow the id buffer ("Destination is too short").
            { "s.jsonl", $"{{\"id\":\"{longId}\",\"balances\":{{\"BTC\":\"1\"}}}}\n", 1, "id", "longer than 256 bytes" },
            { "s.json", $"[\n{{\"id\":\"{longId}\",\"assets\":{{\"BTC\":\"1\"}}}}]", 2, "id", "longer than 256 bytes" },
            // 300 escaped bytes: short enough as text to fit the buffer, still over the limit once decoded.
            { "s.jsonl", $"{{\"id\":\"{escapedId}\",\"balances\":{{\"BTC\":\"1\"}}}}\n", 1, "id", "longer than 256 bytes" },
            { "s.csv", $"account_id,asset,amount\n{longId},BTC,1\n", 2, "account_id", "longer than 256 bytes" },
            // Escaped unpaired surrogates used to end in an unhandled InvalidOperationException.
            { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1\"}}\n{\"id\":\"\\ud800\",\"balances\":{\"BTC\":\"1\"}}\n", 2, "id", "unpaired surrogate" },
            { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"\\udc00\":\"1\"}}\n", 1, "balances.(asset name)", "unpaired surrogate" },
            { "s.jsonl", "{\"\\ud800\":\"a\",\"balances\":{}}\n", 1, "(property name)", "unpaired surrogate" },
            { "s.json", "[\n{\"id\":\"a\",\n\"assets\":{\"BTC\":\"1\"}},\n{\"id\":\"x\\ud800\",\"assets\":{}}]", 4, "id", "unpaired surrogate" },
            { "s.json", "[\n{\"id\":\"a\",\n\"assets\":{\"\\ud800\":\"1\"}}]", 3, "assets.(asset name)", "unpaired surrogate" },
        };
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Read_Limit_Or_UndecodableText_IsLocated(string name, string content, long line, string field, string reason)
    {
        using var dir = new TempDirectory();
        var f = dir.Write(name, content);
        var e = Assert.Throws<InputException>(() => SnapshotReader.Read(f, SnapshotFormat.Auto, s_assets, new NullSink()));
        Assert.Equal(f, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1\"}}\n{\"id\":\"al\xFFice\",\"balances\":{}}\n", 2, "id")]
    [InlineData("s.jsonl", "{\"id\":\"a\",\"balances\":{\"B\xFFTC\":\"1\"}}\n", 1, "balances.(property name)")]
    [InlineData("s.json", "[\n{\"id\":\"a\",\"assets\":{}},\n{\"id\":\"b\xFF\",\"assets\":{}}]", 3, "[1].id")]
    public void Read_InvalidUtf8_NamesTheField(string name, string latin1, long line, string field)
    {
        using var dir = new TempDirectory();
        var f = dir.Write(name, Encoding.Latin1.GetBytes(latin1));
        var e = Assert.Throws<InputException>(() => SnapshotReader.Read(f, SnapshotFormat.Auto, s_assets, new NullSink()));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains("invalid UTF-8", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assets.json", "[{\"symbol\":\"BTC\",\"decimals\":8},{\"symbol\":\"ETH\",\"decimals\":18}]")]
    [InlineData("assets.csv", "symbol,decimals\nBTC,8\nETH,18\n")]
    public void AssetList_WithBom_IsAccepted(string name, string content)
    {
        using var dir = new TempDirectory();
        var f = dir.Write(name, [.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(content)]);
        var table = AssetListReader.Read(f);
        Assert.Equal(["BTC", "ETH"], table.Assets.Select(a => a.Symbol));
    }

    [Theory]
    [InlineData("[{\"symbol\":\"BTC\",\"decimals\":8},\n{\"symbol\":\"\\ud800\",\"decimals\":8}]", 2, "[1].symbol")]
    [InlineData("[{\"symbol\":\"BTC\",\"decimals\":8},\n{\"\\udfff\":\"ETH\",\"decimals\":8}]", 2, "[1].(property name)")]
    public void AssetListJson_UnpairedSurrogate_IsLocated(string content, long line, string field)
    {
        using var dir = new TempDirectory();
        var f = dir.Write("assets.json", content);
        var e = Assert.Throws<InputException>(() => AssetListReader.Read(f));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains("invalid UTF-8", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AssetListJson_InvalidUtf8_IsLocated()
    {
        using var dir = new TempDirectory();
        var f = dir.Write("assets.json", Encoding.Latin1.GetBytes("[{\"symbol\":\"BTC\",\"decimals\":8},\n{\"symbol\":\"E\xFFH\",\"decimals\":8}]"));
        var e = Assert.Throws<InputException>(() => AssetListReader.Read(f));
        Assert.Equal(2, e.Line);
        Assert.Equal("[1].symbol", e.Field);
    }

    [Fact]
    public void AssetList_TooManyAssets_NamesTheLineOverTheLimit()
    {
        using var dir = new TempDirectory();
        var sb = new StringBuilder("symbol,decimals\n");
        for (var i = 0; i <= AssetTable.MaxAssets; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"A{i},8\n");
        }

        var f = dir.Write("assets.csv", sb.ToString());
        var e = Assert.Throws<InputException>(() => AssetListReader.Read(f));
        Assert.Equal(AssetTable.MaxAssets + 2, e.Line);
        Assert.Equal("symbol", e.Field);
        Assert.Contains($"more than {AssetTable.MaxAssets} assets", e.Reason, StringComparison.Ordinal);
    }

    private sealed class NullSink : ISnapshotSink
    {
        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
        {
        }
    }
}
