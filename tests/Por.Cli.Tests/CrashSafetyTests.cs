// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Por.Cli.Tests;

/// <summary>
/// Process-level crash and concurrency behaviour: <c>por</c> runs as a child process (<c>dotnet por.dll</c>) that is
/// signalled or killed while it builds a round. A second build into the same output is refused (exit 3) and the first
/// completes; SIGINT/SIGTERM stop a build with exit 130/143 and leave nothing but (after the checkpoint) the 0700 work
/// directory, from which the same command resumes; kill -9 leaves only that 0700 work directory, which the next build
/// resumes from and renames into place; a killed writer's truncated temporary is removed by the next write.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashSafetyTests : IDisposable
{
    private const int Accounts = 400_000;
    private readonly Por.Testing.TempDirectory _dir = new();
    private readonly string _snapshot;
    private readonly string _assets;

    public CrashSafetyTests()
    {
        _assets = _dir.Write("assets.csv", "symbol,decimals\nBTC,8\nETH,8\n");
        var sb = new StringBuilder("account_id,BTC,ETH\n", Accounts * 32);
        for (var i = 0; i < Accounts; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"customer-{i:D8},{(i % 977) + 1},{i % 13}\n");
        }

        _snapshot = _dir.Write("snapshot.csv", sb.ToString());
    }

    public void Dispose() => _dir.Dispose();

    private string[] BuildArgs(string output) => ["round", "build", "--snapshot", _snapshot, "--assets", _assets, "--out", output, "--round-id", "2026-11", "--snapshot-time", "2026-11-30T00:00:00Z"];

    private static Process StartPor(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "por.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitFor(Func<bool> condition, Process process, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
            {
                Assert.Fail($"por exited ({process.ExitCode}) before {what}");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), $"timed out waiting for {what}");
            Thread.Sleep(10);
        }
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // /proc/self/status "SigIgn": the ignored signals as a hex mask, bit n−1 for signal n (SIGINT 2, SIGTERM 15).
    private static bool IgnoredByThisProcess(string signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null)
        {
            return false;
        }

        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var number = signal switch { "INT" => 2, "TERM" => 15, _ => throw new ArgumentOutOfRangeException(nameof(signal)) };
        return (mask & (1UL << (number - 1))) != 0;
    }

    private string[] WorkDirectories(string name) => Directory.GetDirectories(_dir.Path, $".{name}.transparent-partial");

    private string[] Leftovers() => Directory.GetFileSystemEntries(_dir.Path, "*por-tmp*");

    [Fact]
    public void SecondBuild_IntoTheSameOutput_IsRefusedWithExit3_AndTheFirstCompletes()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        var output = _dir.File("round");
        using var first = StartPor(BuildArgs(output));
        WaitFor(() => WorkDirectories("round").Length > 0, first, "the first build started");

        var second = CliRunner.Run(BuildArgs(output));
        Assert.False(first.HasExited, "the first build ended before the second was tried; the test needs a larger snapshot");
        Assert.Equal(3, second.Exit);
        Assert.Contains($"pid {first.Id}", second.Err, StringComparison.Ordinal);
        Assert.Contains("another por process", second.Err, StringComparison.Ordinal);

        first.WaitForExit();
        Assert.Equal(0, first.ExitCode);
        var verify = CliRunner.Run("round", "verify", "--round", output);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public void Signal_DuringBuild_StopsCleanly(string signal, int exit, string name)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        // A process started in the background without job control (or under nohup) ignores SIGINT, and so does every
        // child it starts: por then rightly keeps running, as the user asked. Only then is this case not testable here.
        Assert.SkipWhen(IgnoredByThisProcess(signal), $"SIG{signal} is ignored by this test run (started in the background without job control), so por inherits that");
        var output = _dir.File("round");
        using var build = StartPor(BuildArgs(output));
        WaitFor(() => WorkDirectories("round").Length > 0, build, "the build started");
        Signal(build, signal);
        Assert.True(build.WaitForExit(TimeSpan.FromSeconds(60)), "por did not stop after the signal");
        Assert.Equal(exit, build.ExitCode);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Leftovers());

        // The lock was released: the same command now succeeds.
        var rerun = CliRunner.Run(BuildArgs(output));
        Assert.True(rerun.Exit == 0, rerun.Err);
        _ = name;
    }

    [Fact]
    public void Kill9_DuringBuild_LeavesOnlyOwnerReadableState_AndTheNextBuildResumesFromIt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        var output = _dir.File("round");
        using var build = StartPor(BuildArgs(output));
        WaitFor(() => WorkDirectories("round") is [var w] && File.Exists(Path.Combine(w, "store", "leaves.bin")), build, "the tree stage");
        build.Kill();
        build.WaitForExit();

        var work = Assert.Single(WorkDirectories("round"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(work));
        foreach (var f in Directory.GetFiles(Path.Combine(work, "private")))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(work, "resume")));
        var checkpoint = File.ReadAllBytes(Path.Combine(work, "private", "accounts.bin"));

        Assert.False(Directory.Exists(output));
        var rerun = CliRunner.Run(BuildArgs(output));
        Assert.True(rerun.Exit == 0, rerun.Err);
        Assert.False(Directory.Exists(work));

        // Resumed: the interrupted build's secret and salts, not fresh ones.
        Assert.Equal(checkpoint, File.ReadAllBytes(Path.Combine(output, "private", "accounts.bin")));
        var verify = CliRunner.Run("round", "verify", "--round", output);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Empty(Leftovers());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, "private", "accounts.bin")));
    }

    [Fact]
    public void Kill9_DuringForcedRebuild_KeepsTheOldRound_AndTheNextForcedRebuildResumes()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        var output = _dir.File("round");
        Assert.Equal(0, CliRunner.Run(BuildArgs(output)).Exit);
        var oldManifest = File.ReadAllBytes(Path.Combine(output, "manifest.json"));
        string[] forced = [.. BuildArgs(output), "--force"];

        // --force builds into the fixed staging directory .round.new, so the builder's work directory is ..round.new.*.
        using var build = StartPor(forced);
        WaitFor(() => WorkDirectories(".round.new") is [var w] && File.Exists(Path.Combine(w, "store", "leaves.bin")), build, "the tree stage");
        build.Kill();
        build.WaitForExit();

        var work = Assert.Single(WorkDirectories(".round.new"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(work));
        var checkpoint = File.ReadAllBytes(Path.Combine(work, "private", "accounts.bin"));
        Assert.Equal(oldManifest, File.ReadAllBytes(Path.Combine(output, "manifest.json")));

        var rerun = CliRunner.Run(forced);
        Assert.True(rerun.Exit == 0, rerun.Err);

        // Resumed from the killed run's salts, and nothing of either run is left beside the output.
        Assert.Equal(checkpoint, File.ReadAllBytes(Path.Combine(output, "private", "accounts.bin")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path, ".round.*"));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path, "..round.*"));
        Assert.Empty(Leftovers());
        var verify = CliRunner.Run("round", "verify", "--round", output);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
    }

    [Fact]
    public void SecondForcedBuild_IntoTheSameOutput_IsRefusedWithExit3()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        var output = _dir.File("round");
        Assert.Equal(0, CliRunner.Run(BuildArgs(output)).Exit);
        string[] forced = [.. BuildArgs(output), "--force"];
        using var first = StartPor(forced);
        WaitFor(() => WorkDirectories(".round.new").Length > 0, first, "the first forced build started");

        var second = CliRunner.Run(forced);
        Assert.False(first.HasExited, "the first build ended before the second was tried; the test needs a larger snapshot");
        Assert.Equal(3, second.Exit);
        Assert.Contains($"pid {first.Id}", second.Err, StringComparison.Ordinal);

        first.WaitForExit();
        Assert.Equal(0, first.ExitCode);
        var verify = CliRunner.Run("round", "verify", "--round", output);
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void KilledWriters_TruncatedTemporaries_AreRemovedByTheNextWrite()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process signals");
        var output = _dir.File("round");
        Assert.Equal(0, CliRunner.Run(BuildArgs(output)).Exit);

        // A writer killed mid-write: a real por process is killed with -9 while it holds a truncated temporary.
        using var victim = StartPor("round", "verify", "--round", output);
        var dead = victim.Id;
        victim.Kill();
        victim.WaitForExit();
        // A directory this test process has not written to yet (each process sweeps a directory once).
        var outDir = Directory.CreateDirectory(_dir.File("out")).FullName;
        var inclusion = Path.Combine(outDir, "inclusion.json");
        var truncatedInclusion = Path.Combine(outDir, $".inclusion.json.por-tmp-{dead}-00112233aabbccdd");
        File.WriteAllText(truncatedInclusion, "{\"format\":\"por.inc");
        var secret = Path.Combine(outDir, "auditor.key.json");
        var truncatedKey = Path.Combine(outDir, $".auditor.key.json.por-tmp-{dead}-00112233aabbccdd");
        File.WriteAllText(truncatedKey, "{\"format\":");

        var export = CliRunner.Run("inclusion", "export", "--round", output, "--account", "customer-00000042", "--out", inclusion);
        Assert.True(export.Exit == 0, export.Err);
        Assert.False(File.Exists(truncatedInclusion));
        Assert.False(File.Exists(truncatedKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(inclusion));
        Assert.Equal(0, CliRunner.Run("inclusion", "verify", "--inclusion", inclusion, "--manifest", Path.Combine(output, "manifest.json")).Exit);

        var keygen = CliRunner.Run("attestation", "keygen", "--name", "Audit", "--out", secret, "--public-out", Path.Combine(outDir, "auditor.pub.json"));
        Assert.True(keygen.Exit == 0, keygen.Err);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.Empty(Leftovers());
        Assert.Empty(Directory.GetFileSystemEntries(outDir, "*por-tmp*"));
    }
}
