// SPDX-License-Identifier: Apache-2.0

namespace Por.IntegrationTests;

/// <summary>Finds the repository root (the directory holding testdata/ and tools/).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Por.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Por.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    public static string Anvil => Path.Combine(Root, "tools", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static string Contract(string name) => Path.Combine(Root, "testdata", "contracts", name + ".json");
}
