// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Testing;

namespace Por.Common.Tests;

/// <summary>Atomic writes: temporaries named with the pid beside the target, private modes from the first byte, and
/// the temporaries of dead processes swept by the next write into the directory.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileTests
{
    /// <summary>The pid of a process that has exited (and so cannot own a live temporary).</summary>
    internal static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void WriteAllBytes_ReplacesAtomically_LeavesNoTemporary()
    {
        using var dir = new TempDirectory();
        var target = dir.File("a.json");
        AtomicFile.WriteAllBytes(target, "one"u8);
        AtomicFile.WriteAllBytes(target, "two"u8);
        Assert.Equal("two", File.ReadAllText(target));
        Assert.Equal(["a.json"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WritePrivate_Creates0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var target = dir.File("secret.json");
        AtomicFile.WritePrivate(target, "s"u8);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        AtomicFile.WriteAllBytes(dir.File("public.json"), "p"u8);
        Assert.True(File.GetUnixFileMode(dir.File("public.json")).HasFlag(UnixFileMode.OtherRead) || OperatingSystem.IsWindows());
    }

    [Fact]
    public void Write_StreamingFailure_LeavesNeitherTargetNorTemporary()
    {
        using var dir = new TempDirectory();
        var target = dir.File("report.json");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("interrupted");
        }, privateFile: false, overwrite: true));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Write_NoOverwrite_RefusesAnExistingFile()
    {
        using var dir = new TempDirectory();
        var target = dir.Write("key.json", "original");
        Assert.Throws<IOException>(() => AtomicFile.Write(target, "new"u8, privateFile: true, overwrite: false));
        Assert.Equal("original", File.ReadAllText(target));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void TemporaryName_CarriesThePid_InTheTargetsDirectory()
    {
        using var dir = new TempDirectory();
        var temp = TempFiles.Reserve(dir.File("x.bin"));
        TempFiles.Release(temp);
        Assert.Equal(dir.Path, Path.GetDirectoryName(temp));
        Assert.StartsWith(".x.bin.por-tmp-", Path.GetFileName(temp), StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId, TempFiles.OwnerOf(Path.GetFileName(temp)));
        Assert.Null(TempFiles.OwnerOf("x.bin"));
        Assert.Null(TempFiles.OwnerOf(".x.bin.por-tmp-abc-1"));
    }

    [Fact]
    public void NextWrite_SweepsTemporariesOfDeadProcesses_KeepsThoseOfLiveOnes()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses a Unix helper process");
        using var dir = new TempDirectory();
        var dead = DeadPid();
        var truncatedFile = dir.Write($".report.json.por-tmp-{dead}-0011223344556677", "{\"trunc");
        var deadDirectory = dir.File($".round.por-tmp-{dead}-8899aabbccddeeff");
        Directory.CreateDirectory(Path.Combine(deadDirectory, "private"));
        File.WriteAllText(Path.Combine(deadDirectory, "private", "accounts.bin"), "salts");
        var live = dir.Write(".other.json.por-tmp-1-0011223344556677", "pid 1 is running");
        var mine = dir.Write($".mine.json.por-tmp-{Environment.ProcessId}-0011223344556677", "this process");

        AtomicFile.WriteAllBytes(dir.File("report.json"), "{}"u8);

        Assert.False(File.Exists(truncatedFile));
        Assert.False(Directory.Exists(deadDirectory));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(mine));
        Assert.Equal("{}", File.ReadAllText(dir.File("report.json")));
    }

    [Fact]
    public void DeleteLive_RemovesThisProcesssOwnTemporaries()
    {
        using var dir = new TempDirectory();
        var temp = TempFiles.Reserve(dir.File("big.json"));
        File.WriteAllText(temp, "partial");
        TempFiles.DeleteLive();
        Assert.False(File.Exists(temp));
    }
}
