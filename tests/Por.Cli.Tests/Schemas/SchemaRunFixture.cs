// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Cli.Tests.Schemas;

/// <summary>
/// Real runs of por that write every public JSON file it has (once per test class): a transparent and a zk demo
/// (rounds, inclusion files, declarations, registries, node configuration, demo chain, signed reserves results,
/// reports, attestations, the auditor's public key), bulk inclusion exports of both rounds (index and files), the
/// reserves challenge as JSON, a secp256k1 auditor key pair with an attestation signed by it, and auditor sampling of
/// both rounds (samples, sample exports, a passing and a failing result, an attestation covering the passing result),
/// and a round plan (por-round-plan/1).
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
        Run("worker", "keygen", "--out", Path.Combine(Root, "worker.key.json"));
        Run("attest", "--round", Path.Combine(transparent, "round"), "--report", Path.Combine(transparent, "report", "report.json"), "--key", key, "--out", Path.Combine(Root, "attestation-secp256k1.json"));

        // Auditor sampling (formats.md §11): a passing audit of the transparent round with a target, signed into a
        // por-attestation/2; and a failing audit of the zk round without a target (one sampled file not exported).
        var audit = Directory.CreateDirectory(Path.Combine(Root, "audit")).FullName;
        var transparentResult = Audit(transparent, audit, "transparent", "--max-omitted-fraction", "0.05");
        Run("attest", "--round", Path.Combine(transparent, "round"), "--report", Path.Combine(transparent, "report", "report.json"), "--key", key, "--audit-result", transparentResult, "--out", Path.Combine(Root, "attestation-audit.json"));
        Audit(zk, audit, "zk", "--size", "20");

        // A planned round for distributed proving (docs/distributed.md): plan.json (and the operator's copy of it).
        Run("round", "plan", "--snapshot", Path.Combine(zk, "snapshot.csv"), "--assets", Path.Combine(zk, "assets.csv"), "--round-id", "2026-12",
            "--snapshot-time", "2026-12-01T00:00:00Z", "--parameter-set", "pol-v1-n8", "--plan", Path.Combine(Root, "plan"), "--private", Path.Combine(Root, "plan-private"));
        // A reserve statement signer's keys and a statement signed with them (docs/token-por.md §8); the unsigned input
        // is not a file por writes, so it stays outside Root.
        var statementKey = Path.Combine(Root, "statement.key.json");
        Run("token", "statement", "keygen", "--algorithm", "secp256k1", "--name", "Schema Custody", "--out", statementKey, "--public-out", Path.Combine(Root, "statement.pub.json"));
        var unsigned = Path.Combine(Path.GetTempPath(), $"por-schema-statement-{Guid.NewGuid():N}.json");
        File.WriteAllText(unsigned, UnsignedStatement);
        try
        {
            Run("token", "statement", "sign", "--key", statementKey, "--statement", unsigned, "--out", Path.Combine(Root, "statement.json"));
        }
        finally
        {
            File.Delete(unsigned);
        }

        // Token PoR (docs/token-por.md): a supply registry as an operator writes it, and the check document of a run
        // whose nodes are down (exit 3: the evaluation is still written, every reading failed with node_fault).
        var tokens = Directory.CreateDirectory(Path.Combine(Root, "token")).FullName;
        File.WriteAllText(Path.Combine(tokens, "registry.json"), TokenRegistryJson);
        var (tokenExit, tokenOut, tokenErr) = CliRunner.Run("token", "check", "--registry", Path.Combine(tokens, "registry.json"), "--out", Path.Combine(tokens, "check.json"));
        Assert.True(tokenExit == 3, $"por token check exited {tokenExit}: {tokenOut} {tokenErr}");

        // The token's report from the same run (evidence failed: no ratio), signed by the secp256k1 auditor key.
        var (reportExit, reportOut, reportErr) = CliRunner.Run("token", "report", "--registry", Path.Combine(tokens, "registry.json"), "--token", "schema-token", "--out", Path.Combine(tokens, "report"));
        Assert.True(reportExit == 3, $"por token report exited {reportExit}: {reportOut} {reportErr}");
        Run("attest", "--report", Path.Combine(tokens, "report", "report.json"), "--key", key, "--out", Path.Combine(tokens, "token-attestation.json"));

        // A monthly token report from a monitor history (every figure read; the format's first sample, "monthly" < "report").
        var history = Path.Combine(tokens, "history.sqlite");
        using (var store = Por.Storage.TokenHistoryStore.OpenSqlite(history))
        {
            Tokens.TokenReportHistoryCliTests.Fill(store);
        }

        File.WriteAllText(Path.Combine(tokens, "usdx-registry.json"), Tokens.TokenReportHistoryCliTests.Registry);
        Run("token", "report", "--registry", Path.Combine(tokens, "usdx-registry.json"), "--token", Tokens.TokenReportHistoryCliTests.TokenId, "--history", history, "--month", "2026-11", "--out", Path.Combine(tokens, "monthly"));
        // The token monitor's JSON goes over HTTP, not to files: write what its code produces for an alert and for an
        // allowed and a denied pre-mint check.
        TokenMonitorSamples.Write(Directory.CreateDirectory(Path.Combine(Root, "token-monitor")).FullName);

        // Every JSON document por wrote (the .sig files are JSON too); binary files and CSV are not JSON.
        Files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".json.sig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private const string UnsignedStatement = """
        {"format": "por-reserve-statement/1", "issuer": "Schema Trust", "token": "usdx", "signer": "Schema Custody", "signer_role": "custodian",
         "as_of": "2026-12-06T00:00:00Z", "valid_until": "2026-12-08T00:00:00Z", "currency": "USD", "decimals": 2,
         "assets": [{"type": "cash", "description": "Reserve account", "holder": "Schema Trust", "custodian": "Schema Custody", "jurisdiction": "US-NY",
                     "account_nature": "segregated", "pledged": false, "restricted": false, "amount": "1000.00"}],
         "total_available": "1000.00", "ripcord": false, "ripcord_details": "none raised"}
        """;

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

    /// <summary>
    /// <c>audit sample</c> of a demo round from a list of its accounts, <c>inclusion export --ids</c> of the sample and
    /// <c>audit verify --out</c>; for the zk round one exported file is removed first, so the result is a failure
    /// naming a missing account.
    /// </summary>
    /// <returns>The result file.</returns>
    private static string Audit(string demo, string directory, string name, params string[] size)
    {
        var list = Path.Combine(directory, $"list-{name}.txt");
        File.WriteAllLines(list, File.ReadLines(Path.Combine(demo, "snapshot.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal));
        var round = Path.Combine(demo, "round");
        var sample = Path.Combine(directory, $"sample-{name}.json");
        Run(["audit", "sample", "--round", round, "--list", list, "--seed-chain", "bitcoin", "--seed-height", "901234", "--seed-block-hash", "00000000000000000001a7c1e5b7c3f2d4e6a8b0c2d4e6f8a0b2c4d6e8f0a2b4", "--out", sample, .. size]);
        var export = Path.Combine(directory, $"export-{name}");
        Run("inclusion", "export", "--round", round, "--ids", sample, "--out", export);
        var result = Path.Combine(directory, $"result-{name}.json");
        string[] verify = ["audit", "verify", "--sample", sample, "--list", list, "--round", Path.Combine(round, "manifest.json"), "--inclusions", export, "--out", result];
        if (name == "zk")
        {
            var first = Directory.EnumerateFiles(export, "*.json", SearchOption.AllDirectories).First(f => Path.GetFileName(f) != "index.json");
            File.Delete(first);
            var (exit, stdout, stderr) = CliRunner.Run(verify);
            Assert.True(exit == 1, $"por {string.Join(' ', verify)} exited {exit}, expected 1 (a missing account): {stdout} {stderr}");
        }
        else
        {
            Run(verify);
        }

        return result;
    }

    private static string TokenRegistryJson { get; } = Tokens.TokenReportHistoryCliTests.OfflineRegistry("schema-token", 8);

    private static void Run(params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);

        Assert.True(exit == 0, $"por {string.Join(' ', args)} exited {exit}: {stdout} {stderr}");
    }
}
