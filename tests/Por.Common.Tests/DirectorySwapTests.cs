// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Common.Tests;

public sealed class DirectorySwapTests
{
    [Fact]
    public void Replace_WithNothingThere_MovesTheNewDirectoryIn()
    {
        using var dir = new TempDirectory();
        var staging = Directory.CreateDirectory(dir.File("new")).FullName;
        File.WriteAllText(Path.Combine(staging, "a"), "new");
        var destination = dir.File("out");

        DirectorySwap.Replace(staging, destination);

        Assert.Equal("new", File.ReadAllText(Path.Combine(destination, "a")));
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void Replace_AnExistingDirectory_LeavesOnlyTheNewOne()
    {
        using var dir = new TempDirectory();
        var destination = Directory.CreateDirectory(dir.File("out")).FullName;
        File.WriteAllText(Path.Combine(destination, "old-only"), "old");
        var staging = Directory.CreateDirectory(dir.File("new")).FullName;
        File.WriteAllText(Path.Combine(staging, "a"), "new");

        DirectorySwap.Replace(staging, destination);

        Assert.Equal("new", File.ReadAllText(Path.Combine(destination, "a")));
        Assert.False(File.Exists(Path.Combine(destination, "old-only")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_AnExistingFile_ByADirectory()
    {
        using var dir = new TempDirectory();
        var destination = dir.Write("out", "a file");
        var staging = Directory.CreateDirectory(dir.File("new")).FullName;

        DirectorySwap.Replace(staging, destination);

        Assert.True(Directory.Exists(destination));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_ThatCannotMoveTheNewOneIn_PutsTheOldOneBack()
    {
        using var dir = new TempDirectory();
        var destination = Directory.CreateDirectory(dir.File("out")).FullName;
        File.WriteAllText(Path.Combine(destination, "kept"), "old");

        Assert.ThrowsAny<IOException>(() => DirectorySwap.Replace(dir.File("missing"), destination));

        Assert.Equal("old", File.ReadAllText(Path.Combine(destination, "kept")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
