// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Testing;

namespace Por.Liabilities.Tests.Snapshot;

public sealed class SnapshotReaderTests
{
    private static readonly AssetTable s_assets = new([new Asset("BTC", 8), new Asset("ETH", 8), new Asset("USDT", 6)]);

    [Fact]
    public void Read_CsvLong_GroupsHoldingsPerAccount()
    {
        using var dir = new TempDirectory();
        var f = dir.Write("s.csv", "account_id,asset,amount\r\nalice,ETH,2.5\r\nalice,BTC,0.1\r\nbob,USDT,10\r\n\"c,arol\",BTC,0\r\n");
        var sink = Read(f);
        Assert.Equal(3, sink.Accounts.Count);
        Assert.Equal("alice", sink.Accounts[0].Id);
        Assert.Equal([new Holding(0, 10_000_000), new Holding(1, 250_000_000)], sink.Accounts[0].Holdings);
        Assert.Equal(2L, sink.Accounts[0].Line);
        Assert.Equal("c,arol", sink.Accounts[2].Id);
        Assert.Empty(sink.Accounts[2].Holdings);
    }

    [Fact]
    public void Read_CsvWide_EmptyCellsAreZero()
    {
        using var dir = new TempDirectory();
        var f = dir.Write("s.csv", "account_id,USDT,BTC\nalice,,1\nbob,3.25,\n");
        var sink = Read(f);
        Assert.Equal([new Holding(0, 100_000_000)], sink.Accounts[0].Holdings);
        Assert.Equal([new Holding(2, 3_250_000)], sink.Accounts[1].Holdings);
    }

    [Fact]
    public void Read_JsonLines_StringsAndNumbers()
    {
        using var dir = new TempDirectory();
        var f = dir.Write("s.jsonl", "{\"id\":\"alice\",\"balances\":{\"BTC\":\"1\",\"USDT\":2.5}}\n{\"id\":\"bob\",\"balances\":{}}\n");
        var sink = Read(f);
        Assert.Equal([new Holding(0, 100_000_000), new Holding(2, 2_500_000)], sink.Accounts[0].Holdings);
        Assert.Empty(sink.Accounts[1].Holdings);
    }

    [Fact]
    public void Read_OkxV2Vector_ImportsAllAccounts()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "vectors", "okx", "batch0.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var symbols = doc.RootElement[0].GetProperty("assets").EnumerateObject().Select(p => p.Name).ToList();
        var table = new AssetTable(symbols.Select(s => new Asset(s, 8)));
        var sink = new ListSink();
        SnapshotReader.Read(path, SnapshotFormat.Auto, table, sink);
        Assert.Equal(8, sink.Accounts.Count);
        Assert.Equal("0ca5a8a06ad2f88d6b95d219d1018ccc7c1777c557b1a2a72db413eef6264bb0", sink.Accounts[0].Id);
        Assert.Contains(new Holding((ushort)symbols.IndexOf("BTC"), 9195990), sink.Accounts[0].Holdings);
        Assert.DoesNotContain(sink.Accounts[0].Holdings, h => h.Asset == symbols.IndexOf("ETH"));
        var positives = doc.RootElement.EnumerateArray().Sum(a => a.GetProperty("assets").EnumerateObject().Count(p => p.Value.GetString() != "-1" && p.Value.GetString() != "0"));
        Assert.Equal(positives, sink.Accounts.Sum(a => a.Holdings.Length));
    }

    public static TheoryData<string, string, long, string, string> Rejections() => new()
    {
        { "s.csv", "account_id,asset,amount\nalice,BTC,1.2.3\n", 2, "amount", "malformed number" },
        { "s.csv", "account_id,asset,amount\nalice,BTC,0.000000001\n", 2, "amount", "more decimal places than BTC allows (8)" },
        { "s.csv", "account_id,asset,amount\nalice,DOGE,1\n", 2, "asset", "unknown asset 'DOGE'" },
        { "s.csv", "account_id,asset,amount\nalice,BTC,-1\n", 2, "amount", "negative balance" },
        { "s.csv", "account_id,asset,amount\nalice,BTC,1\nalice,BTC,2\n", 3, "asset", "given twice" },
        { "s.csv", "account_id,asset,amount\nalice,BTC,184467440737.09551616\n", 2, "amount", "does not fit 64-bit" },
        { "s.csv", "account,asset,amount\nalice,BTC,1\n", 1, "header", "wrong header" },
        { "s.csv", "account_id,asset,amount\n", 0, "", "no accounts" },
        { "s.csv", "account_id,asset,amount\nalice,BTC\n", 2, "", "expected 3 fields" },
        { "s.csv", "account_id,asset,amount\n,BTC,1\n", 2, "account_id", "empty account id" },
        { "s.csv", "account_id,asset,amount\nalice,BTC,1\n\nbob,BTC,1\n", 3, "", "blank line" },
        { "s.csv", "account_id,BTC,BTC\nalice,1,1\n", 1, "header", "appears twice" },
        { "s.csv", "account_id,BTC,ETH\nalice,1\n", 2, "", "expected 3 fields" },
        { "s.csv", "account_id,BTC,ETH\nalice,1,x\n", 2, "ETH", "malformed number" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1e3\"}}\n", 1, "balances.BTC", "malformed number" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"XYZ\":\"1\"}}\n", 1, "balances.XYZ", "unknown asset" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1\"},\"x\":1}\n", 1, "x", "unknown property" },
        { "s.jsonl", "{\"id\":\"a\"}\n", 1, "balances", "missing" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1\",\"BTC\":\"2\"}}\n", 1, "balances.BTC", "given twice" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"-2\"}}\n", 1, "balances.BTC", "negative balance" },
        { "s.jsonl", "{\"id\":\"a\",\"balances\":{\"BTC\":\"1\"}\n", 1, "", "malformed JSON" },
        { "s.json", "[{\"id\":\"a\",\"assets\":{\"BTC\":\"-5\"}}]", 1, "assets.BTC", "negative balance" },
        { "s.json", "[{\"id\":\"a\",\"assets\":{\"BTC\":\"1.5\"}}]", 1, "assets.BTC", "expected an integer" },
        { "s.json", "[\n{\"id\":\"a\",\"assets\":{}},\n{\"id\":\"b\",\n\"assets\":{\"NOPE\":\"1\"}}]", 4, "assets.NOPE", "unknown asset" },
        { "s.json", "{}", 1, "", "expected a JSON array" },
        { "s.json", "   ", 0, "", "empty file" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Read_BadInput_NamesFileLineFieldAndReason(string name, string content, long line, string field, string reason)
    {
        using var dir = new TempDirectory();
        var f = dir.Write(name, content);
        var e = Assert.Throws<InputException>(() => Read(f));
        Assert.Equal(f, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Contains(f, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s.csv", "account_id,asset,amount\nal\xFFice,BTC,1\n")]
    [InlineData("s.jsonl", "{\"id\":\"al\xFFice\",\"balances\":{}}\n")]
    [InlineData("s.json", "[{\"id\":\"al\xFFice\",\"assets\":{}}]")]
    public void Read_InvalidUtf8_Rejected(string name, string latin1)
    {
        using var dir = new TempDirectory();
        var f = dir.Write(name, Encoding.Latin1.GetBytes(latin1));
        var e = Assert.Throws<InputException>(() => Read(f));
        Assert.Contains("invalid UTF-8", e.Reason, StringComparison.Ordinal);
        Assert.Equal(name == "s.csv" ? 2 : 1, e.Line);
    }

    [Fact]
    public void Read_EmptyFile_Rejected()
    {
        using var dir = new TempDirectory();
        var f = dir.Write("s.csv", "");
        Assert.Contains("empty file", Assert.Throws<InputException>(() => Read(f)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LargeFile_StreamsWithBoundedMemory()
    {
        // 200,000 rows through a sink that keeps nothing: allocation stays far below the file size.
        using var dir = new TempDirectory();
        var path = dir.File("big.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("account_id,asset,amount\n");
            for (var i = 0; i < 200_000; i++)
            {
                w.Write($"user-{i},BTC,1.{i % 100_000_000}\n");
            }
        }

        var counter = new CountingSink();
        var before = GC.GetAllocatedBytesForCurrentThread();
        SnapshotReader.Read(path, SnapshotFormat.Auto, s_assets, counter);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(200_000, counter.Count);
        Assert.True(allocated < new FileInfo(path).Length / 2, $"allocated {allocated} bytes for a {new FileInfo(path).Length}-byte file");
    }

    private static ListSink Read(string path)
    {
        var sink = new ListSink();
        SnapshotReader.Read(path, SnapshotFormat.Auto, s_assets, sink);
        return sink;
    }

    private sealed class ListSink : ISnapshotSink
    {
        public List<(string Id, Holding[] Holdings, long Line)> Accounts { get; } = [];

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line) =>
            Accounts.Add((Encoding.UTF8.GetString(accountId), holdings.ToArray(), line));
    }

    private sealed class CountingSink : ISnapshotSink
    {
        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line) => Count++;
    }
}
