// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Common.Tests;

/// <summary>The output lock: exclusive (also within one process), released on dispose, and the refusal names the holder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputLockTests
{
    [Fact]
    public void SecondAcquire_IsRefused_NamingTheHoldersPid()
    {
        using var dir = new TempDirectory();
        var output = dir.File("round");
        using (OutputLock.Acquire(output))
        {
            var e = Assert.Throws<OutputLockedException>(() => OutputLock.Acquire(output));
            Assert.IsAssignableFrom<IOException>(e);
            Assert.Equal(Environment.ProcessId, e.HolderPid);
            Assert.Contains($"pid {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
            Assert.Contains(output, e.Message, StringComparison.Ordinal);
        }

        // Released: the next build takes it.
        using (OutputLock.Acquire(output))
        {
        }
    }

    [Fact]
    public void DifferentOutputs_DoNotConflict()
    {
        using var dir = new TempDirectory();
        using var a = OutputLock.Acquire(dir.File("a"));
        using var b = OutputLock.Acquire(dir.File("b"));
    }

    [Fact]
    public void LockFile_IsBesideTheOutput_Private_AndRemovedOnRelease()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var output = dir.File("round");
        using (OutputLock.Acquire(output + "/"))
        {
            Assert.Equal(dir.File(".round.lock"), OutputLock.LockPath(output));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File(".round.lock")));
        }

        // Linux deletes it (the next holder can tell a deleted file from a linked one); elsewhere it is kept.
        Assert.Equal(!OperatingSystem.IsLinux(), File.Exists(dir.File(".round.lock")));
        Assert.False(File.Exists(dir.File(".round.lock.pid")));
    }

    [Fact]
    public void StaleLockFile_OfAKilledHolder_IsReused()
    {
        using var dir = new TempDirectory();
        var output = dir.File("round");
        File.WriteAllText(OutputLock.LockPath(output), "");
        File.WriteAllText(OutputLock.LockPath(output) + ".pid", "999999\n");
        using var held = OutputLock.Acquire(output);
        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", File.ReadAllText(OutputLock.LockPath(output) + ".pid"));
    }
}
