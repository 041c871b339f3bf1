// SPDX-License-Identifier: Apache-2.0

using System.Reflection;
using System.Xml.Linq;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Assembly = System.Reflection.Assembly;

namespace Por.Architecture.Tests;

/// <summary>
/// The layering of docs/architecture.md, checked on the compiled assemblies: the project graph is the documented one
/// and acyclic, no namespace inside a project takes part in a cycle (type-level dependencies read from IL by
/// ArchUnitNET, so same-parent references without a using count too), and a verifier consumer pulls in no database
/// driver and no HTTP server.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Each product project and the projects it may reference directly: the layering of docs/architecture.md.</summary>
    private static readonly Dictionary<string, string[]> s_allowedReferences = new(StringComparer.Ordinal)
    {
        ["Por.Stark"] = [],
        ["Por.Common"] = [],
        ["Por.Crypto"] = ["Por.Common"],
        ["Por.Liabilities"] = ["Por.Common", "Por.Stark"],
        ["Por.Reserves"] = ["Por.Common", "Por.Crypto"],
        ["Por.Tokens"] = ["Por.Common", "Por.Crypto", "Por.Reserves"],
        ["Por.Reports"] = ["Por.Common", "Por.Crypto", "Por.Liabilities", "Por.Reserves", "Por.Tokens"],
        ["Por.Storage"] = ["Por.Common", "Por.Reports", "Por.Tokens"],
        ["Por.Cluster"] = ["Por.Common", "Por.Liabilities"], // Hangfire + PostgreSQL: the dynamic cluster (docs/distributed.md)
        ["Por.Cli"] = ["Por.Reports", "Por.Storage", "Por.Tokens", "Por.WebVerifier", "Por.Cluster"], // Por.WebVerifier: only its page is embedded; Por.Cluster: not in release binaries
        ["Por.Verifier"] = ["Por.Liabilities"],
        ["Por.WebVerifier"] = ["Por.Verifier", "Por.Liabilities"],
    };

    /// <summary>Libraries a customer's or auditor's verifier builds on.</summary>
    private static readonly string[] s_verifierLibraries = ["Por.Stark", "Por.Common", "Por.Crypto", "Por.Liabilities", "Por.Reserves", "Por.Tokens", "Por.Reports", "Por.Verifier"];

    /// <summary>Assemblies that bring a database driver or an HTTP server.</summary>
    private static readonly string[] s_serverAssemblies = ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "System.Net.HttpListener", "Microsoft.AspNetCore", "Dapper"];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> s_product = new(() => new ArchLoader()
        .LoadAssemblies([.. s_verifierLibraries.Append("Por.Storage").Select(Assembly.Load), typeof(Por.Cli.Program).Assembly])
        .Build());

    public static TheoryData<string> Projects => [.. s_allowedReferences.Keys];

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferences_AreTheDocumentedLayering(string project)
    {
        var references = ProjectReferences(project);
        Assert.True(
            references.All(s_allowedReferences[project].Contains),
            $"{project} references {string.Join(", ", references.Except(s_allowedReferences[project], StringComparer.Ordinal))}, outside its layer (docs/architecture.md)");
    }

    [Fact]
    public void ProjectGraph_IsAcyclic()
    {
        var graph = new DependencyGraph();
        foreach (var project in Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src")).Select(Path.GetFileName))
        {
            graph.AddNode(project!);
            foreach (var reference in ProjectReferences(project!))
            {
                graph.AddEdge(project!, reference);
            }
        }

        var cycle = graph.FindCycle();
        Assert.True(cycle is null, $"project cycle: {string.Join(" → ", cycle ?? [])}");
        Assert.Equal(s_allowedReferences.Keys.Order(StringComparer.Ordinal), graph.Nodes().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void NamespacesInsideProject_AreAcyclic(string project)
    {
        var cycle = NamespaceGraph(s_product.Value, project == "Por.Cli" ? "por" : project).FindCycle();
        Assert.True(cycle is null, $"namespace cycle in {project}: {string.Join(" → ", cycle ?? [])}");
    }

    [Fact]
    public void NamespaceChecker_FindsADeliberateCycle()
    {
        var fixture = new ArchLoader().LoadAssemblies(typeof(ArchitectureTests).Assembly).Build();
        var cycle = NamespaceGraph(fixture, typeof(ArchitectureTests).Assembly.GetName().Name!).FindCycle();
        Assert.NotNull(cycle);
        Assert.Contains("Por.Architecture.Tests.Fixtures.Upper", cycle);
        Assert.Contains("Por.Architecture.Tests.Fixtures.Lower", cycle);
    }

    [Theory]
    [MemberData(nameof(VerifierLibraryNames))]
    public void VerifierLibraries_ReferenceNoDatabaseDriverOrHttpServer(string library)
    {
        var closure = ReferenceClosure(Assembly.Load(library));
        var servers = closure.Where(a => s_serverAssemblies.Any(s => a.StartsWith(s, StringComparison.Ordinal))).ToList();
        Assert.True(servers.Count == 0, $"{library} pulls in {string.Join(", ", servers)}");
        Assert.DoesNotContain("Por.Storage", closure);
        Assert.DoesNotContain("por", closure);
    }

    [Fact]
    public void ServerCheck_SeesTheDriversWhereTheyAre()
    {
        // The closure walk must find Npgsql and SQLite in Por.Storage, or the test above proves nothing.
        var closure = ReferenceClosure(Assembly.Load("Por.Storage"));
        Assert.Contains("Npgsql", closure);
        Assert.Contains("Microsoft.Data.Sqlite", closure);
    }

    public static TheoryData<string> VerifierLibraryNames => [.. s_verifierLibraries];

    private static DependencyGraph NamespaceGraph(ArchUnitNET.Domain.Architecture architecture, string assemblyName)
    {
        var graph = new DependencyGraph();
        foreach (var type in architecture.Types.Where(t => InAssembly(t, assemblyName)))
        {
            var from = type.Namespace?.FullName ?? "";
            if (from.Length == 0 || from.StartsWith('<'))
            {
                continue;
            }

            graph.AddNode(from);
            foreach (var dependency in type.Dependencies)
            {
                var target = dependency.Target;
                var to = target?.Namespace?.FullName ?? "";
                if (target is not null && InAssembly(target, assemblyName) && to.Length > 0)
                {
                    graph.AddEdge(from, to);
                }
            }
        }

        return graph;
    }

    private static bool InAssembly(IType type, string assemblyName) =>
        type.Assembly?.Name is { } name && string.Equals(name.Split(',')[0], assemblyName, StringComparison.Ordinal);

    private static List<string> ProjectReferences(string project)
    {
        var path = Path.Combine(RepositoryRoot(), "src", project, project + ".csproj");
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))];
    }

    private static SortedSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<AssemblyName>([root.GetName()]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System.", StringComparison.Ordinal) && !s_serverAssemblies.Contains(name.Name, StringComparer.Ordinal))
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
                continue;
            }

            foreach (var reference in loaded.GetReferencedAssemblies())
            {
                queue.Enqueue(reference);
            }
        }

        return seen;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Por.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Por.slnx not found above " + AppContext.BaseDirectory);
    }
}
