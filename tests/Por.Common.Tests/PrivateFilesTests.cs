// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Common.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void CreateDirectory_0700_AndNarrowsAnExistingOne()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var fresh = dir.File("a/b");
        PrivateFiles.CreateDirectory(fresh);
        Assert.Equal(Rwx, File.GetUnixFileMode(fresh));

        var existing = dir.File("open");
        Directory.CreateDirectory(existing, Rwx | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        PrivateFiles.CreateDirectory(existing);
        Assert.Equal(Rwx, File.GetUnixFileMode(existing));
    }

    [Fact]
    public void Create_0600_FromTheFirstByte()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes");
        using var dir = new TempDirectory();
        var path = dir.File("accounts.bin");
        using (var f = PrivateFiles.Create(path))
        {
            // Checked while the file is still open and empty: the mode was set by open(2), not by a later chmod.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            f.WriteByte(1);
        }

        Assert.Throws<IOException>(() => PrivateFiles.Create(path));
    }
}
