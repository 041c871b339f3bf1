// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Cli.Tests.Schemas;

/// <summary>
/// Real runs of por that write every public JSON file it has (once per test class): a transparent and a zk demo
/// (rounds, inclusion files, declarations, registries, node configuration, demo chain, signed reserves results,
/// reports, attestations, the auditor's public key), bulk inclusion exports of both rounds (index and files), the
/// reserves challenge as JSON, and a secp256k1 auditor key pair with an attestation signed by it.
/// </summary>
public sealed class SchemaRunFixture : IDisposable
{
    public SchemaRunFixture()
    {
        Root = Directory.CreateTempSubdirectory("por-schema-run-").FullName;
        var transparent = Path.Combine(Root, "transparent");
        var zk = Path.Combine(Root, "zk");
        Run("demo", "--accounts", "300", "--assets", "6", "--out", transparent);
        Run("demo", "--mode", "zk", "--accounts", "300", "--assets", "6", "--out", zk);
        Run("inclusion", "export", "--round", Path.Combine(transparent, "round"), "--all", "--snapshot", Path.Combine(transparent, "snapshot.csv"), "--out", Path.Combine(Root, "export-transparent"));
        Run("inclusion", "export", "--round", Path.Combine(zk, "round"), "--all", "--out", Path.Combine(Root, "export-zk"));
        Run("reserves", "challenge", "--registry", Path.Combine(transparent, "registry.json"), "--custodian", "Schema Custody", "--format", "json", "--out", Path.Combine(Root, "challenge.json"));
        var key = Path.Combine(Root, "k256.key.json");
        Run("attestation", "keygen", "--algorithm", "secp256k1", "--name", "Schema Audit", "--out", key, "--public-out", Path.Combine(Root, "k256.pub.json"));
        Run("attest", "--round", Path.Combine(transparent, "round"), "--report", Path.Combine(transparent, "report", "report.json"), "--key", key, "--out", Path.Combine(Root, "attestation-secp256k1.json"));

        // Every JSON document por wrote (the .sig files are JSON too); binary files and CSV are not JSON.
        Files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".json.sig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string Root { get; }

    /// <summary>Every JSON file the runs wrote.</summary>
    public IReadOnlyList<string> Files { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One file of each format id (the first in ordinal path order).</summary>
    public IReadOnlyDictionary<string, string> SampleByFormat()
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (SchemaCatalog.FormatOf(document.RootElement) is { } format)
            {
                samples.TryAdd(format, file);
            }
        }

        return samples;
    }

    private static void Run(params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);

        Assert.True(exit == 0, $"por {string.Join(' ', args)} exited {exit}: {stdout} {stderr}");
    }
}
