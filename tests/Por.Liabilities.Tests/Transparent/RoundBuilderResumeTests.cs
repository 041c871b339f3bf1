// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests.Transparent;

/// <summary>
/// A transparent build interrupted after its checkpoint resumes (docs/formats.md §2, "Checkpoint and resume"):
/// the same inputs reuse the stored secret and salts, other inputs or a damaged checkpoint are refused.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RoundBuilderResumeTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Rwx = Rw | UnixFileMode.UserExecute;

    private static RoundBuildOptions Options(TempDirectory dir, string output, string roundId = "2026-11", int accounts = 3000) =>
        new(dir.File("snapshot.csv") is var csv && File.Exists(csv) ? csv : TestRounds.WriteCsv(dir, TestRounds.Accounts(accounts)),
            SnapshotFormat.Auto, TestRounds.Assets, roundId, TestRounds.Time, dir.File(output));

    /// <summary>Runs a build and cancels it as the tree stage starts (after the checkpoint); returns the work directory.</summary>
    private static string Interrupt(RoundBuildOptions options)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "building tree")
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => RoundBuilder.Build(options, progress, cancel.Token));
        Assert.False(Directory.Exists(options.OutputDirectory));
        var work = RoundBuilder.PartialPath(options.OutputDirectory);
        Assert.True(File.Exists(Path.Combine(work, RoundBuilder.ResumeRecord)), "no checkpoint after the cancelled build");
        return work;
    }

    private static string Sha256Hex(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static string[] Listing(string bundle) =>
        [.. Directory.GetFileSystemEntries(bundle, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(bundle, e)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Resume_ReusesTheCheckpointsSecretAndSalts_AndFinishesAValidBundle()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = Interrupt(options);
        var checkpointIndex = File.ReadAllBytes(Path.Combine(work, TransparentBundleLayout.Accounts));

        var stages = new List<string>();
        var manifest = RoundBuilder.Build(options, new SyncProgress(p => stages.Add(p.Stage)));

        Assert.Contains(stages, s => s.StartsWith("resuming", StringComparison.Ordinal));
        Assert.DoesNotContain("writing checkpoint", stages);
        Assert.False(Directory.Exists(work));
        Assert.Equal(checkpointIndex, File.ReadAllBytes(Path.Combine(options.OutputDirectory, TransparentBundleLayout.Accounts)));
        Assert.True(RoundVerifier.Verify(options.OutputDirectory).IsValid);
        Assert.Equal(3000, manifest.Header.AccountCount);

        // The leaves commit to the stored salts: a customer's inclusion proof (salt from the index) verifies.
        foreach (var id in new[] { "acct-0", "acct-1234", "acct-2999" })
        {
            var proof = InclusionExporter.Export(options.OutputDirectory, id)!;
            var result = InclusionVerifier.Verify(proof, manifest.Header);
            Assert.True(result.IsValid, result.Message);
        }
    }

    [Fact]
    public void Resume_YieldsExactlyTheRootAndBundleOfAnUninterruptedBuildWithTheSameSalts()
    {
        using var dir = new TempDirectory();
        var whole = Options(dir, "whole");
        var uninterrupted = RoundBuilder.Build(whole);

        // Interrupt a second build, then give its checkpoint the uninterrupted build's secret and salts.
        var resumed = Options(dir, "resumed");
        var work = Interrupt(resumed);
        var index = File.ReadAllBytes(Path.Combine(whole.OutputDirectory, TransparentBundleLayout.Accounts));
        var recordPath = Path.Combine(work, RoundBuilder.ResumeRecord);
        var record = File.ReadAllText(recordPath).Split('\n');
        record[6] = "accounts_sha256=" + Sha256Hex(Path.Combine(whole.OutputDirectory, TransparentBundleLayout.Accounts));
        record[7] = "accounts_bytes=" + index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(recordPath, string.Join('\n', record));
        File.WriteAllBytes(Path.Combine(work, TransparentBundleLayout.Accounts), index);

        var manifest = RoundBuilder.Build(resumed);

        Assert.Equal(uninterrupted.Header.Root, manifest.Header.Root);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole.OutputDirectory, BundleLayout.Manifest)), File.ReadAllBytes(Path.Combine(resumed.OutputDirectory, BundleLayout.Manifest)));
        Assert.Equal(Listing(whole.OutputDirectory), Listing(resumed.OutputDirectory));
        foreach (var file in new[] { TransparentBundleLayout.Leaves, TransparentBundleLayout.Nodes })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole.OutputDirectory, file)), File.ReadAllBytes(Path.Combine(resumed.OutputDirectory, file)));
        }
    }

    [Fact]
    public void Resume_WithOtherInputs_IsRefused_NamingTheDirectory_AndKeepsTheCheckpoint()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = Interrupt(options);
        var record = File.ReadAllBytes(Path.Combine(work, RoundBuilder.ResumeRecord));

        var otherId = Assert.Throws<InputException>(() => RoundBuilder.Build(options with { RoundId = "2026-12" }));
        Assert.Contains(work, otherId.Message, StringComparison.Ordinal);
        Assert.Contains("the round id differs", otherId.Message, StringComparison.Ordinal);
        Assert.Contains("delete the directory", otherId.Message, StringComparison.Ordinal);

        var otherTime = Assert.Throws<InputException>(() => RoundBuilder.Build(options with { SnapshotTime = TestRounds.Time.AddDays(1) }));
        Assert.Contains("the snapshot time differs", otherTime.Message, StringComparison.Ordinal);

        var otherFormat = Assert.Throws<InputException>(() => RoundBuilder.Build(options with { Format = SnapshotFormat.CsvLong }));
        Assert.Contains("the format differs", otherFormat.Message, StringComparison.Ordinal);

        var assets = new AssetTable([new Asset("BTC", 8), new Asset("ETH", 8), new Asset("USDT", 8)]);
        var otherAssets = Assert.Throws<InputException>(() => RoundBuilder.Build(options with { Assets = assets }));
        Assert.Contains("the asset table differs", otherAssets.Message, StringComparison.Ordinal);

        File.AppendAllText(options.SnapshotPath, "late-customer,BTC,1\n");
        var otherSnapshot = Assert.Throws<InputException>(() => RoundBuilder.Build(options));
        Assert.Contains("the snapshot differs", otherSnapshot.Message, StringComparison.Ordinal);

        Assert.False(Directory.Exists(options.OutputDirectory));
        Assert.Equal(record, File.ReadAllBytes(Path.Combine(work, RoundBuilder.ResumeRecord)));
        Directory.Delete(work, recursive: true);
        Assert.Equal(3001, RoundBuilder.Build(options).Header.AccountCount);
    }

    [Theory]
    [InlineData("accounts")]
    [InlineData("record")]
    [InlineData("altered")]
    public void Resume_FromADamagedCheckpoint_IsRefusedWithAClearError(string damage)
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = Interrupt(options);
        var accounts = Path.Combine(work, TransparentBundleLayout.Accounts);
        var record = Path.Combine(work, RoundBuilder.ResumeRecord);
        switch (damage)
        {
            case "accounts":
                File.WriteAllBytes(accounts, File.ReadAllBytes(accounts)[..1000]);
                break;
            case "record":
                File.WriteAllBytes(record, File.ReadAllBytes(record)[..60]);
                break;
            default:
                var bytes = File.ReadAllBytes(accounts);
                bytes[100] ^= 1;
                File.WriteAllBytes(accounts, bytes);
                break;
        }

        var e = Assert.Throws<InputException>(() => RoundBuilder.Build(options));
        Assert.Contains(work, e.Message, StringComparison.Ordinal);
        Assert.Contains("checkpoint is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains("delete the directory", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.OutputDirectory));
        Assert.True(Directory.Exists(work));
    }

    [Fact]
    public void Resume_FromAnIndexWhoseAccountsDifferFromTheSnapshot_IsRefused()
    {
        // The record's hashes match but the index is another round's (same size): the keys do not match.
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = Interrupt(options);
        using var other = new TempDirectory();
        var otherBundle = TestRounds.Build(other, TestRounds.Accounts(3000).Select(a => ("other-" + a.Id, a.Balances)), bundle: "other");
        var otherIndex = Path.Combine(otherBundle, TransparentBundleLayout.Accounts);
        var recordPath = Path.Combine(work, RoundBuilder.ResumeRecord);
        var record = File.ReadAllText(recordPath).Split('\n');
        record[6] = "accounts_sha256=" + Sha256Hex(otherIndex);
        File.WriteAllText(recordPath, string.Join('\n', record));
        File.Copy(otherIndex, Path.Combine(work, TransparentBundleLayout.Accounts), overwrite: true);

        var e = Assert.Throws<InputException>(() => RoundBuilder.Build(options));
        Assert.Contains("does not match the snapshot", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.OutputDirectory));
    }

    [Fact]
    public void WorkDirectoryWithoutCheckpoint_IsDiscarded_AndTheBuildStartsOver()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = RoundBuilder.PartialPath(options.OutputDirectory);
        Directory.CreateDirectory(Path.Combine(work, "private"));
        File.WriteAllText(Path.Combine(work, TransparentBundleLayout.Accounts), "half-written");
        File.WriteAllText(Path.Combine(work, "level-0.tmp"), "x");

        RoundBuilder.Build(options);

        Assert.False(Directory.Exists(work));
        Assert.True(RoundVerifier.Verify(options.OutputDirectory).IsValid);
        Assert.DoesNotContain("level-0.tmp", Listing(options.OutputDirectory));
    }

    [Fact]
    public void Resume_RemovesTheInterruptedTreeFiles_AndTheBundleHasNoResumeRecord()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "round");
        var work = Interrupt(options);
        Directory.CreateDirectory(Path.Combine(work, "store"));
        File.WriteAllText(Path.Combine(work, TransparentBundleLayout.Leaves), "truncated");
        File.WriteAllText(Path.Combine(work, "level-deadbeef.tmp"), "x");
        File.WriteAllText(Path.Combine(work, "private", ".accounts.bin.por-tmp-1-00"), "x");

        RoundBuilder.Build(options);

        using var reference = new TempDirectory();
        var fresh = TestRounds.Build(reference, TestRounds.Accounts(3000));
        Assert.Equal(Listing(fresh), Listing(options.OutputDirectory));
        Assert.False(File.Exists(Path.Combine(options.OutputDirectory, RoundBuilder.ResumeRecord)));
        Assert.True(RoundVerifier.Verify(options.OutputDirectory).IsValid);
    }

    [Fact]
    public void Checkpoint_IsOwnerOnly()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var work = Interrupt(Options(dir, "round"));
        Assert.Equal(Rwx, File.GetUnixFileMode(work));
        Assert.Equal(Rwx, File.GetUnixFileMode(Path.Combine(work, "private")));
        Assert.Equal(Rw, File.GetUnixFileMode(Path.Combine(work, TransparentBundleLayout.Accounts)));
        Assert.Equal(Rw, File.GetUnixFileMode(Path.Combine(work, RoundBuilder.ResumeRecord)));
    }

    [Fact]
    public void Failure_BeforeTheCheckpoint_LeavesNoWorkDirectory()
    {
        using var dir = new TempDirectory();
        var csv = dir.Write("bad.csv", "account_id,asset,amount\nacct-1,BTC,1\nacct-1,ETH,2\nacct-2,XYZ,1\n");
        var options = new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "2026-11", TestRounds.Time, dir.File("round"));
        Assert.Throws<InputException>(() => RoundBuilder.Build(options));
        Assert.False(Directory.Exists(RoundBuilder.PartialPath(options.OutputDirectory)));
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void SnapshotDigest_OfADirectory_CoversNamesAndContents()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("okx/sub"));
        dir.Write("okx/a.json", "{}");
        dir.Write("okx/sub/b.json", "[]");
        dir.Write("okx/ignored.txt", "x");
        var first = RoundBuilder.SnapshotDigest(dir.File("okx"));
        dir.Write("okx/ignored.txt", "y");
        Assert.Equal(first, RoundBuilder.SnapshotDigest(dir.File("okx")));
        dir.Write("okx/sub/b.json", "[ ]");
        Assert.NotEqual(first, RoundBuilder.SnapshotDigest(dir.File("okx")));
        File.Move(dir.File("okx/sub/b.json"), dir.File("okx/sub/c.json"));
        dir.Write("okx/sub/c.json", "[]");
        Assert.NotEqual(first, RoundBuilder.SnapshotDigest(dir.File("okx")));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("{}"))), RoundBuilder.SnapshotDigest(dir.File("okx/a.json")));
    }

    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
