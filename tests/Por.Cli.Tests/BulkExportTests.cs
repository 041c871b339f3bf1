// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;

namespace Por.Cli.Tests;

/// <summary><c>por inclusion export --all</c> on a transparent round, the file naming, and the human-readable amounts.</summary>
public sealed class BulkExportTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    private readonly string _work = Directory.CreateTempSubdirectory("por-bulk-").FullName;

    private string D(string name) => Path.Combine(demo.Path, name);

    [Fact]
    public void ExportAll_Transparent_OneVerifyingPrivateFilePerAccount()
    {
        var output = Path.Combine(_work, "inclusion");
        var run = CliRunner.Run("inclusion", "export", "--all", "--round", D("round"), "--snapshot", D("snapshot.csv"), "--out", output, "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var ids = File.ReadLines(D("snapshot.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Count, CliRunner.Json(run.Out).GetProperty("files").GetInt64());
        // The layout of both modes (docs/formats.md §9.5): HH/<sha256 of the id>.json per account, and index.json.
        var files = Directory.GetFiles(output, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !string.Equals(f, InclusionExportLayout.IndexFile, StringComparison.Ordinal));
        Assert.Equal(ids.Select(InclusionExportLayout.RelativePath).Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, InclusionExportLayout.IndexFile)));
        Assert.Equal(InclusionExportLayout.IndexFormat, index.RootElement.GetProperty("format").GetString());
        Assert.Equal(ids.Count, index.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(
            ids.Order(StringComparer.Ordinal),
            index.RootElement.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account_id").GetString()!).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            AssertPrivate(output, Directory.GetFiles(output, "*", SearchOption.AllDirectories));
        }

        // Each file is the customer's own and verifies against the published manifest; bulk and single export agree.
        foreach (var id in new[] { ids[0], ids[^1], ids[ids.Count / 2] })
        {
            var file = Path.Combine(output, InclusionExportLayout.RelativePath(id));
            var verify = CliRunner.Json(CliRunner.Run("inclusion", "verify", "--inclusion", file, "--manifest", D("round/manifest.json"), "--json").Out);
            Assert.Equal("verified", verify.GetProperty("status").GetString());
            Assert.Equal(id, verify.GetProperty("account_id").GetString());
            var single = Path.Combine(_work, "single.json");
            Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", D("round"), "--account", id, "--out", single, "--force").Exit);
            Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(file));
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertPrivate(string directory, string[] files)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void ExportAll_Zk_OneVerifyingFilePerAccount()
    {
        var assets = Path.Combine(_work, "assets.csv");
        File.WriteAllText(assets, "symbol,decimals\nBTC,8\nUSDT,6\n");
        var snapshot = Path.Combine(_work, "s.csv");
        File.WriteAllText(snapshot, "account_id,asset,amount\nalice,BTC,1.5\nAlice,USDT,2\nbob,USDT,3\ncarol,BTC,4\n");
        var bundle = Path.Combine(_work, "round");
        var build = CliRunner.Run("round", "build", "--mode", "zk", "--parameter-set", "pol-v1-n8", "--snapshot", snapshot, "--assets", assets, "--out", bundle, "--round-id", "r", "--snapshot-time", "2026-11-01T00:00:00Z");
        Assert.True(build.Exit == 0, build.Out + build.Err);
        var output = Path.Combine(_work, "inclusion");
        var run = CliRunner.Run("inclusion", "export", "--all", "--round", Path.Combine(bundle, "manifest.json"), "--out", output, "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal(4, CliRunner.Json(run.Out).GetProperty("files").GetInt64());
        var accounts = Directory.GetFiles(output, "*.json", SearchOption.AllDirectories).Where(f => !string.Equals(Path.GetFileName(f), InclusionExportLayout.IndexFile, StringComparison.Ordinal)).Select(file =>
        {
            var verify = CliRunner.Json(CliRunner.Run("inclusion", "verify", "--inclusion", file, "--manifest", bundle, "--json").Out);
            Assert.Equal("verified", verify.GetProperty("status").GetString());
            return verify.GetProperty("account_id").GetString();
        });
        Assert.Equal(["Alice", "alice", "bob", "carol"], accounts.Order(StringComparer.Ordinal));
        Assert.Equal(3, CliRunner.Run("inclusion", "export", "--all", "--round", bundle, "--out", output).Exit);
        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--all", "--round", bundle, "--snapshot", snapshot, "--out", Path.Combine(_work, "other")).Exit);
    }

    [Fact]
    public void ExportAll_SnapshotMissingAnAccount_Exit2NoOutput()
    {
        var lines = File.ReadAllLines(D("snapshot.csv"));
        var first = lines[1].Split(',')[0];
        var partial = Path.Combine(_work, "partial.csv");
        File.WriteAllLines(partial, lines.Where(l => !l.StartsWith(first + ",", StringComparison.Ordinal)));
        var output = Path.Combine(_work, "inclusion");
        var (exit, _, stderr) = CliRunner.Run("inclusion", "export", "--all", "--round", D("round"), "--snapshot", partial, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("it is not the snapshot this round was built from", stderr, StringComparison.Ordinal);
        Assert.Equal([partial], Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public void ExportAll_SnapshotWithAForeignAccount_Exit2NamingLine()
    {
        var foreign = Path.Combine(_work, "foreign.csv");
        File.WriteAllLines(foreign, [.. File.ReadAllLines(D("snapshot.csv")), "mallory,BTC,1"]);
        var lineCount = File.ReadAllLines(foreign).Length;
        var (exit, _, stderr) = CliRunner.Run("inclusion", "export", "--all", "--round", D("round"), "--snapshot", foreign, "--out", Path.Combine(_work, "inclusion"));
        Assert.Equal(2, exit);
        Assert.Contains($"{foreign}:{lineCount}: field 'account_id': this account is not in the round", stderr, StringComparison.Ordinal);
        Assert.Equal([foreign], Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public void ExportAll_Transparent_NeedsSnapshot_AndNotWithAccount()
    {
        var output = Path.Combine(_work, "inclusion");
        var (exit, _, stderr) = CliRunner.Run("inclusion", "export", "--all", "--round", D("round"), "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("--snapshot", stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--all", "--account", "a", "--round", D("round"), "--snapshot", D("snapshot.csv"), "--out", output).Exit);
        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--round", D("round")).Exit);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void SingleExport_DefaultName_DerivedFromAccount()
    {
        var ids = File.ReadLines(D("snapshot.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal).Take(2).ToArray();
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(_work);
            foreach (var id in ids)
            {
                Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", D("round"), "--account", id).Exit);
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        var roundId = CliRunner.Json(CliRunner.Run("round", "verify", "--round", D("round"), "--json").Out).GetProperty("round_id").GetString()!;
        Assert.Equal(
            ids.Select(id => $"inclusion-{InclusionExporter.FileNameOf(roundId)}-{InclusionExporter.FileNameOf(id)}.json").Order(StringComparer.Ordinal),
            Directory.GetFiles(_work).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice", "%41lice")]
    [InlineData("a.b", "a%2Eb")]
    [InlineData("a%2Eb", "a%252%45b")]
    [InlineData("user-42_x", "user-42_x")]
    [InlineData("ü/..", "%C3%BC%2F%2E%2E")]
    public void FileNameOf_KeepsSafeLowerCase_EncodesEverythingElse(string id, string expected) =>
        Assert.Equal(expected, InclusionExporter.FileNameOf(id));

    [Fact]
    public void FileNameOf_NeverCollides_EvenCaseInsensitively()
    {
        string[] ids = ["alice", "Alice", "ALICE", "a.b", "a_b", "a%2Eb", "a b", new string('x', 300), new string('x', 301), "~" + new string('0', 64)];
        var names = ids.Select(InclusionExporter.FileNameOf).ToArray();
        Assert.Equal(ids.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.True(n.Length <= InclusionExporter.MaxEncodedNameLength));
        Assert.StartsWith("~", names[7], StringComparison.Ordinal);
    }
}
