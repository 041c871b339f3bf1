// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Liabilities.Audit;

namespace Por.Liabilities.Tests.Audit;

/// <summary>The draw (sha256-rank/1) and the auditor's list: deterministic, seed-dependent, as documented, strict input.</summary>
public sealed class AuditSamplerTests
{
    private readonly string _work = Directory.CreateTempSubdirectory("por-audit-lib-").FullName;

    private static readonly byte[] s_root = SHA256.HashData("round root"u8);

    private static AuditSeed Seed(string text) => new("bitcoin", 900_000, SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static AuditList List(int count) =>
        AuditList.FromUtf8(Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"acct-{i:D5}"))));

    [Fact]
    public void Draw_IsDeterministic_AndAnotherSeedGivesAnotherSample()
    {
        var list = List(1000);
        var a = AuditSampler.Draw(Seed("block A"), s_root, list, 20);
        Assert.Equal(a, AuditSampler.Draw(Seed("block A"), s_root, list, 20));
        Assert.Equal(20, a.Distinct(StringComparer.Ordinal).Count());
        var b = AuditSampler.Draw(Seed("block B"), s_root, list, 20);
        Assert.NotEqual(a, b);
        Assert.True(a.Intersect(b, StringComparer.Ordinal).Count() < 10);

        // The round and the list enter the draw too: a sample cannot be reused for another round or list.
        Assert.NotEqual(a, AuditSampler.Draw(Seed("block A"), SHA256.HashData("other root"u8), list, 20));
        Assert.NotEqual(a, AuditSampler.Draw(Seed("block A"), s_root, List(1001), 20));
    }

    [Fact]
    public void Draw_FollowsTheDocumentedAlgorithm()
    {
        // docs/formats.md §11.2, re-implemented from the text: key = SHA-256("por-audit-sample/1" 0x00 ‖ hash ‖ root ‖
        // list digest ‖ id); the n smallest keys; list digest = SHA-256 of the ids sorted by bytes, each + LF.
        var ids = new[] { "zoë", "alice", "Bob", "carol", "dave", "erin", "frank", "\u00e9mile" };
        var list = AuditList.FromUtf8(ids.Select(Encoding.UTF8.GetBytes));
        var canonical = string.Concat(ids.Select(Encoding.UTF8.GetBytes).OrderBy(b => b, Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).Select(b => Encoding.UTF8.GetString(b) + "\n"));
        var listSha = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        Assert.Equal(listSha, list.Sha256);
        var seed = Seed("x");
        var expected = ids
            .Select(id => (Id: id, Key: SHA256.HashData([.. "por-audit-sample/1\0"u8, .. seed.BlockHash, .. s_root, .. listSha, .. Encoding.UTF8.GetBytes(id)])))
            .OrderBy(e => Convert.ToHexStringLower(e.Key), StringComparer.Ordinal)
            .Take(3)
            .Select(e => e.Id);
        Assert.Equal(expected, AuditSampler.Draw(seed, s_root, list, 3));
    }

    [Fact]
    public void Draw_OperatorCannotChoose_EveryAccountIsDrawnUnderSomeSeed_AndNoneIsFavoured()
    {
        // Which accounts are drawn is decided by the seed alone: over 4,000 seeds drawing 1 of 8 accounts, each is
        // drawn close to 500 times (a binomial 4,000 × 1/8 has standard deviation 21; ±120 is over 5 sigma).
        var list = List(8);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < 4000; s++)
        {
            var id = AuditSampler.Draw(Seed(s.ToString(CultureInfo.InvariantCulture)), s_root, list, 1).Single();
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        Assert.Equal(8, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 380, 620));
    }

    [Fact]
    public void Draw_WholeListWhenTheSizeIsLarger()
    {
        Assert.Equal(5, AuditSampler.Draw(Seed("s"), s_root, List(5), 50).Count);
    }

    [Fact]
    public void List_OrderAndLineEndsDoNotChangeTheDigest()
    {
        var a = Write("a.txt", "carol\nalice\nbob\n");
        var b = Write("b.txt", "\uFEFFbob\r\nalice\r\ncarol");
        Assert.Equal(AuditList.Read(a).Sha256, AuditList.Read(b).Sha256);
        Assert.Equal(3, AuditList.Read(a).Count);
    }

    [Theory]
    [InlineData("alice\nbob\nalice\n", 3, "already on line 1")]
    [InlineData("alice\n\nbob\n", 2, "empty line")]
    [InlineData("alice\nb\tob\n", 2, "control character")]
    [InlineData("", 0, "no account id")]
    public void List_BadInput_NamesFileLineAndField(string content, long line, string reason)
    {
        var path = Write("bad.txt", content);
        var e = Assert.Throws<InputException>(() => AuditList.Read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal("account_id", e.Field);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void List_InvalidUtf8_NamesTheLine()
    {
        var path = Path.Combine(_work, "bytes.txt");
        File.WriteAllBytes(path, [.. "alice\n"u8, 0xC3, 0x28, (byte)'\n']);
        var e = Assert.Throws<InputException>(() => AuditList.Read(path));
        Assert.Equal((2L, "account_id"), (e.Line, e.Field));
    }

    [Theory]
    [InlineData("bitcoin", "12", "00", "--seed-block-hash")]
    [InlineData("Bitcoin", "12", "", "--seed-chain")]
    [InlineData("bitcoin", "-1", "", "--seed-height")]
    [InlineData("bitcoin", "12", "0000000000000000000000000000000000000000000000000000000000000000", "--seed-block-hash")]
    public void Seed_BadOption_IsNamed(string chain, string height, string hash, string option)
    {
        var full = hash.Length == 0 ? "00000000000000000001c3b1d2a1b9f3e8e5a0a8b6b7d1f2e3c4b5a697887766" : hash;
        var e = Assert.Throws<InputException>(() => AuditSeed.Parse(chain, height, full));
        Assert.Equal(option, e.File);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
