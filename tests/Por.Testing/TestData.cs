// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Testing;

/// <summary>Locates the repository's testdata directory and loads vector files.</summary>
public static class TestData
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    public static JsonElement Json(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(relative)));
        return document.RootElement.Clone();
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "testdata");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "vectors")))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException("testdata/ not found above " + AppContext.BaseDirectory);
    }
}
