// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests.Transparent;

/// <summary>The transparent build's output lock, private file modes and cancellation (resume: <see cref="RoundBuilderResumeTests"/>).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RoundBuilderSafetyTests
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Rwx = Rw | UnixFileMode.UserExecute;

    private static RoundBuildOptions Options(TempDirectory dir, int accounts, string output = "round") =>
        new(TestRounds.WriteCsv(dir, TestRounds.Accounts(accounts)), SnapshotFormat.Auto, TestRounds.Assets, "2026-11", TestRounds.Time, dir.File(output));

    [Fact]
    public void Build_PrivateIndex0600_InA0700Directory_PublicFilesKeepTheDefaultMode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var options = Options(dir, 50);
        RoundBuilder.Build(options);
        var bundle = options.OutputDirectory;
        Assert.Equal(Rw, File.GetUnixFileMode(Path.Combine(bundle, TransparentBundleLayout.Accounts)));
        Assert.Equal(Rwx, File.GetUnixFileMode(Path.Combine(bundle, "private")));

        // The bundle's root and public files get what a new directory or file gets here (the umask decides).
        var probe = dir.File("probe");
        Directory.CreateDirectory(probe);
        Assert.Equal(File.GetUnixFileMode(probe), File.GetUnixFileMode(bundle));
        Assert.Equal(File.GetUnixFileMode(dir.File("snapshot.csv")), File.GetUnixFileMode(Path.Combine(bundle, BundleLayout.Manifest)));
    }

    [Fact]
    public void Build_WorkDirectoryIs0700_BeforeAnyPrivateFileIsWritten()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var options = Options(dir, 3000);
        UnixFileMode? seen = null;
        var progress = new SyncProgress(p =>
        {
            if (seen is null && p.Stage == "building tree")
            {
                var work = Directory.GetDirectories(dir.Path, ".round.transparent-partial").Single();
                seen = File.GetUnixFileMode(work);
                Assert.Equal(Rwx, File.GetUnixFileMode(Path.Combine(work, "private")));
            }
        });
        RoundBuilder.Build(options, progress);
        Assert.Equal(Rwx, seen);
    }

    [Fact]
    public void Build_WhileAnotherBuildHoldsTheOutput_IsRefused_AndNothingIsWritten()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, 20);
        using (OutputLock.Acquire(options.OutputDirectory))
        {
            var e = Assert.Throws<OutputLockedException>(() => RoundBuilder.Build(options));
            Assert.Equal(Environment.ProcessId, e.HolderPid);
            Assert.False(Directory.Exists(options.OutputDirectory));
            Assert.Empty(Directory.GetDirectories(dir.Path));
        }

        RoundBuilder.Build(options);
        Assert.True(RoundVerifier.Verify(options.OutputDirectory).IsValid);
    }

    [Fact]
    public void Build_CancelledAfterTheCheckpoint_LeavesNoOutput_OnlyTheCheckpoint_AndReleasesTheLock()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, 3000);
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
        Assert.Equal([RoundBuilder.PartialPath(options.OutputDirectory)], Directory.GetDirectories(dir.Path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*por-tmp*"));
        RoundBuilder.Build(options);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*"));
    }

    [Fact]
    public void Build_CancelledWhileReading_StopsBeforeTheEnd()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, 200_000);
        using var cancel = new CancellationTokenSource();
        long lastRead = 0;
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "reading snapshot" && p.Done > 0)
            {
                lastRead = p.Done;
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => RoundBuilder.Build(options, progress, cancel.Token));
        Assert.True(lastRead < 200_000, $"read {lastRead} accounts after cancellation");
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
