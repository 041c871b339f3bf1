// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Bulk inclusion export: every customer's file, verified, written atomically under a safe name.</summary>
public sealed class ZkInclusionExportAllTests
{
    [Fact]
    public void ExportAll_WritesEveryCustomersFileAndEachVerifies()
    {
        using var dir = new TempDirectory();

        // Ids with a path separator, dots, spaces and non-ASCII characters still get distinct, safe file names.
        var accounts = TestRounds.Accounts(23).Select((a, i) => i switch
        {
            0 => ("../etc/passwd", a.Balances),
            1 => ("Ünïcødé 客户 1", a.Balances),
            2 => ("a/b\\c:d*e?f", a.Balances),
            _ => a,
        }).ToList();
        var round = dir.File("round");
        ZkStreamingBuildTests.Build(TestRounds.WriteCsv(dir, accounts), round, null);
        var header = ZkRoundManifestJson.Read(Path.Combine(round, "manifest.json")).Header;
        var output = dir.File("inclusion");
        var reports = new List<WorkProgress>();

        var written = ZkInclusionExporter.ExportAll(round, output, force: false, new SyncProgress(reports.Add), CancellationToken.None, allowTestParameters: true);

        Assert.Equal(accounts.Count, written);
        Assert.Equal(accounts.Count, Directory.GetFiles(output, "*.json", SearchOption.AllDirectories).Length - 1);
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, InclusionExportLayout.IndexFile)));
        var mapped = index.RootElement.GetProperty("accounts").EnumerateArray()
            .ToDictionary(e => e.GetProperty("account_id").GetString()!, e => e.GetProperty("file").GetString()!, StringComparer.Ordinal);
        Assert.Equal(accounts.Select(a => a.Item1).Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, _) in accounts)
        {
            var relative = InclusionExportLayout.RelativePath(id);
            Assert.Equal(relative, mapped[id]);
            Assert.Matches("^[0-9a-f]{2}/[0-9a-f]{64}\\.json$", relative);
            var path = Path.Combine(output, relative);
            var file = ZkInclusionFileJson.Parse(File.ReadAllBytes(path), path);
            Assert.Equal(id, Encoding.UTF8.GetString(file.Proof.AccountId));
            Assert.True(ZkInclusionFileVerifier.Verify(file, header, allowTestParameters: true).IsValid);
            Assert.Equal(
                ZkInclusionFileJson.Serialize(ZkInclusionExporter.Export(round, id, allowTestParameters: true)!),
                File.ReadAllBytes(path));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        Assert.Equal(header.BatchCount, reports[^1].Done);
        Assert.Equal(header.BatchCount, reports[^1].Total);
    }

    [Fact]
    public void ExportAll_ExistingOutput_RefusedWithoutForceAndReplacedWithForce()
    {
        using var dir = new TempDirectory();
        var round = dir.File("round");
        ZkStreamingBuildTests.Build(TestRounds.WriteCsv(dir, TestRounds.Accounts(6)), round, null);
        var output = dir.File("inclusion");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "old.txt"), "old");

        Assert.Throws<IOException>(() => ZkInclusionExporter.ExportAll(round, output, force: false, null, CancellationToken.None, allowTestParameters: true));
        Assert.True(File.Exists(Path.Combine(output, "old.txt")));

        Assert.Equal(6, ZkInclusionExporter.ExportAll(round, output, force: true, null, CancellationToken.None, allowTestParameters: true));
        Assert.False(File.Exists(Path.Combine(output, "old.txt")));
        Assert.True(File.Exists(Path.Combine(output, InclusionExportLayout.IndexFile)));
        Assert.Equal(["inclusion", "round", "snapshot.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExportAll_InterruptedOrFailing_LeavesNoPartialDirectory()
    {
        using var dir = new TempDirectory();
        var round = dir.File("round");
        ZkStreamingBuildTests.Build(TestRounds.WriteCsv(dir, TestRounds.Accounts(40)), round, null);
        var output = dir.File("inclusion");

        // A stale temporary directory of a killed export is removed by the next export.
        Directory.CreateDirectory(dir.File(".inclusion.export-0123"));
        File.WriteAllText(Path.Combine(dir.File(".inclusion.export-0123"), "x.json"), "{}");

        // Cancelled after the first batch.
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => ZkInclusionExporter.ExportAll(
            round, output, force: false, new SyncProgress(p => { if (p.Done == 1) { cts.Cancel(); } }), cts.Token, allowTestParameters: true));
        Assert.Equal(["round", "snapshot.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Failing in the last batch (its statement no longer matches its openings).
        var header = ZkRoundManifestJson.Read(Path.Combine(round, "manifest.json")).Header;
        var last = Path.Combine(round, ZkBundleLayout.Statement(header.BatchCount - 1));
        File.Copy(Path.Combine(round, ZkBundleLayout.Statement(0)), last, overwrite: true);
        Assert.Throws<InvalidDataException>(() => ZkInclusionExporter.ExportAll(round, output, force: false, null, CancellationToken.None, allowTestParameters: true));
        Assert.Equal(["round", "snapshot.csv"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
