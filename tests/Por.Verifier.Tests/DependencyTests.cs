// SPDX-License-Identifier: Apache-2.0

using System.Reflection;

namespace Por.Verifier.Tests;

/// <summary>The SDK pulls in no database driver, no HTTP server, no command-line parser and no native crypto binding.</summary>
public sealed class DependencyTests
{
    private static readonly string[] s_banned = ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Microsoft.AspNetCore.", "System.CommandLine", "Por.Crypto", "Por.Storage", "Por.Cli", "por", "NSec", "Secp256k1"];

    [Fact]
    public void ReferenceClosure_HasNoBannedAssembly()
    {
        var closure = Closure(typeof(PorVerifier).Assembly);
        Assert.Contains("Por.Liabilities", closure);
        Assert.Contains("Por.Stark", closure);
        var banned = closure.Where(name => s_banned.Any(b => b.EndsWith('.') ? name.StartsWith(b, StringComparison.Ordinal) : string.Equals(name, b, StringComparison.Ordinal) || name.StartsWith(b + ".", StringComparison.Ordinal))).ToList();
        Assert.True(banned.Count == 0, "Por.Verifier references " + string.Join(", ", banned));
    }

    [Fact]
    public void BannedList_CatchesAnAssemblyThatReferencesThem()
    {
        // The walk itself is load-bearing: from the test assembly (which references Por.Testing → Por.Reserves →
        // Por.Crypto) it does reach a banned assembly.
        Assert.Contains("Por.Crypto", Closure(typeof(Por.Testing.TestRounds).Assembly));
    }

    internal static SortedSet<string> Closure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<AssemblyName>(root.GetReferencedAssemblies());
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!))
            {
                continue;
            }

            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue; // a reference never loaded at run time is still recorded by name
            }

            foreach (var reference in loaded.GetReferencedAssemblies())
            {
                queue.Enqueue(reference);
            }
        }

        return seen;
    }
}
