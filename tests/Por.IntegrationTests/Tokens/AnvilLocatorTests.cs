// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Demo;
using Por.Testing;

namespace Por.IntegrationTests.Tokens;

/// <summary>How <c>por demo token</c> finds anvil: PATH first, then tools/node_modules/… in the current directory or a parent, then beside the executable.</summary>
public sealed class AnvilLocatorTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Path_ThenRepositoryParents_ThenExecutableDirectory_AndNonExecutableFilesAreSkipped()
    {
        using var dir = new TempDirectory();
        var onPath = Executable(dir.File("bin/anvil"));
        var inRepository = Executable(Path.Combine(dir.File("repo"), AnvilLocator.RepositoryRelativePath));
        var nested = Directory.CreateDirectory(dir.File("repo/src/deep")).FullName;
        var besideExe = Executable(Path.Combine(dir.File("install"), AnvilLocator.RepositoryRelativePath));
        var empty = Directory.CreateDirectory(dir.File("empty")).FullName;

        Assert.Equal(onPath, AnvilLocator.Find(dir.File("nothing") + Path.PathSeparator + dir.File("bin"), nested, null));
        Assert.Equal(inRepository, AnvilLocator.Find(dir.File("nothing"), nested, null));
        Assert.Equal(inRepository, AnvilLocator.Find(null, dir.File("repo"), dir.File("install")));
        Assert.Equal(besideExe, AnvilLocator.Find(null, empty, dir.File("install/bin/Release")));
        Assert.Null(AnvilLocator.Find(null, empty, null));

        // A file named anvil without an execute bit is not anvil.
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(inRepository, AnvilLocator.Find(dir.File("bin"), nested, null));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Executable(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
