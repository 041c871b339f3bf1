// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reports;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Cli.Tests;

/// <summary>
/// Every recorded bundle of an earlier por (testdata/recorded, each written by the commit named in its README; the
/// table is docs/compatibility.md) through the current command line: rounds and inclusion files verify and a tampered
/// copy fails; signed reserves results make a report, attestations verify, and an edited result or report is refused;
/// the files of formats no longer read are refused with exit 2 naming the field.
/// </summary>
public sealed class RecordedFormatsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>(bundle, mode, the text of its PASS line): every recorded round not covered by RecordedBundleTests.</summary>
    public static TheoryData<string, string> Rounds => new()
    {
        { "2026-11-21-first/transparent", "PASS: all 40 leaves" },
        { "2026-12-06-dash-ids/transparent", "PASS: all 40 leaves" },
        { "2026-12-06-dash-ids/zk", "PASS: all 2 batch proofs verify" },
        { "2026-12-06-dash-ids/reserves/round", "PASS: all 40 leaves" },
        { "2026-12-06-reserves/round", "PASS: all 40 leaves" },
    };

    /// <summary>(inclusion file, its round's manifest).</summary>
    public static TheoryData<string, string> Inclusions => new()
    {
        { "2026-11-21-first/transparent-inclusion-user-7.json", "2026-11-21-first/transparent" },
        { "2026-12-06-dash-ids/transparent-inclusion-user-7.json", "2026-12-06-dash-ids/transparent" },
        { "2026-12-06-dash-ids/zk-inclusion-user-7.json", "2026-12-06-dash-ids/zk" },
    };

    /// <summary>The reserves bundles: signed result, its key, the round and prices, the report and attestation.</summary>
    public static TheoryData<string> ReservesBundles => ["2026-12-06-dash-ids/reserves", "2026-12-06-reserves"];

    [Theory]
    [MemberData(nameof(Rounds))]
    public void RecordedRound_Verifies(string bundle, string pass)
    {
        var (exit, output, error) = CliRunner.Run("round", "verify", "--round", Recorded(bundle));
        Assert.True(exit == 0, output + error);
        Assert.Contains(pass, output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rounds))]
    public void RecordedRound_OneByteChanged_Fails(string bundle, string pass)
    {
        _ = pass;
        var copy = Copy(bundle);
        var file = Directory.EnumerateFiles(copy, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("leaves.bin", StringComparison.Ordinal) || f.EndsWith(".proof", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(file, bytes);
        var json = CliRunner.Json(CliRunner.Run("round", "verify", "--round", copy, "--json").Out);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal("file_digest_mismatch", json.GetProperty("failure_code").GetString());
    }

    [Theory]
    [MemberData(nameof(Inclusions))]
    public void RecordedInclusionFile_VerifiesAgainstItsManifest(string inclusion, string bundle)
    {
        var (exit, output, error) = CliRunner.Run("inclusion", "verify", "--inclusion", Recorded(inclusion), "--manifest", Path.Combine(Recorded(bundle), "manifest.json"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Inclusions))]
    public void RecordedInclusionFile_BalanceChanged_Fails(string inclusion, string bundle)
    {
        var json = JsonNode.Parse(File.ReadAllText(Recorded(inclusion)))!;
        var balances = json["account"]!["balances"]!.AsObject();
        var (symbol, amount) = balances.First();
        balances[symbol] = (string)amount! == "1" ? "2" : "1";
        var file = _dir.Write("edited.json", json.ToJsonString());
        var (exit, output, error) = CliRunner.Run("inclusion", "verify", "--inclusion", file, "--manifest", Path.Combine(Recorded(bundle), "manifest.json"));
        Assert.True(exit == 1, output + error);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReservesBundles))]
    public void RecordedSignedResult_MakesAReport_AndTheAttestationVerifies(string bundle)
    {
        var dir = Recorded(bundle);
        var (exit, output, error) = CliRunner.Run(
            "report", "--round", Path.Combine(dir, "round"), "--reserves", Path.Combine(dir, "reserves-result.json"), "--reserves-key", Path.Combine(dir, "auditor.pub.json"),
            "--prices", Path.Combine(dir, "prices.csv"), "--out", _dir.File("report"), "--json");
        Assert.True(exit == 0, output + error);
        Assert.Equal(["ETH", "SOL"], CliRunner.Json(output).GetProperty("report").GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()));

        (exit, output, error) = CliRunner.Run(
            "attestation", "verify", "--attestation", Path.Combine(dir, "report", "attestation.json"), "--round", Path.Combine(dir, "round"),
            "--report", Path.Combine(dir, "report", "report.json"), "--auditor-key", Path.Combine(dir, "auditor.pub.json"));
        Assert.True(exit == 0, output + error);
    }

    [Theory]
    [MemberData(nameof(ReservesBundles))]
    public void RecordedSignedResult_Edited_IsRefused(string bundle)
    {
        var dir = Recorded(bundle);
        var text = File.ReadAllText(Path.Combine(dir, "reserves-result.json"));
        var edited = text.Replace("\"status\": \"failed\"", "\"status\": \"verified\"", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var result = _dir.Write("reserves-result.json", edited);
        File.Copy(Path.Combine(dir, "reserves-result.json.sig"), result + ".sig");
        var (exit, output, error) = CliRunner.Run(
            "report", "--round", Path.Combine(dir, "round"), "--reserves", result, "--reserves-key", Path.Combine(dir, "auditor.pub.json"),
            "--prices", Path.Combine(dir, "prices.csv"), "--out", _dir.File("report"));
        Assert.True(exit == 1, output + error);
        Assert.False(Directory.Exists(_dir.File("report")));
    }

    [Theory]
    [MemberData(nameof(ReservesBundles))]
    public void RecordedAttestation_ReportEdited_Fails(string bundle)
    {
        var dir = Recorded(bundle);
        var report = _dir.Write("report.json", File.ReadAllText(Path.Combine(dir, "report", "report.json")).Replace("\"custodian\": \"", "\"custodian\": \"X", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run(
            "attestation", "verify", "--attestation", Path.Combine(dir, "report", "attestation.json"), "--round", Path.Combine(dir, "round"),
            "--report", report, "--auditor-key", Path.Combine(dir, "auditor.pub.json"), "--json");
        Assert.True(exit == 1, output + error);
        Assert.Equal("report_digest_mismatch", CliRunner.Json(output).GetProperty("failure_code").GetString());
    }

    [Theory]
    [MemberData(nameof(ReservesBundles))]
    public void RecordedRegistry_PrintsItsChallenge_AndTheDeclarationAndNodesRead(string bundle)
    {
        var dir = Recorded(bundle);
        var (exit, output, error) = CliRunner.Run("reserves", "challenge", "--registry", Path.Combine(dir, "registry.json"), "--custodian", "Demo Exchange", "--format", "json");
        Assert.True(exit == 0, output + error);
        Assert.Equal("por-reserves-challenge/2", CliRunner.Json(output).GetProperty("format").GetString());

        var registry = ReserveRegistryParser.ReadFile(Path.Combine(dir, "registry.json"));
        var declaration = ReserveDeclarationParser.ReadFile(Path.Combine(dir, "reserves.json"));
        Assert.Equal(registry.Round, declaration.Round);
        using var http = new HttpClient();
        Assert.Single(NodeConfiguration.Parse(File.ReadAllBytes(Path.Combine(dir, "nodes.json")), "nodes.json", registry, http, _ => null));
    }

    [Fact]
    public void RecordedChallenge_IsWhatTheRegistryStillGives()
    {
        var dir = Recorded("2026-12-06-dash-ids/reserves");
        var (exit, output, _) = CliRunner.Run("reserves", "challenge", "--registry", Path.Combine(dir, "registry.json"), "--custodian", "Demo Exchange", "--format", "json");
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "challenge.json")), output);
    }

    [Fact]
    public void FirstZkDesign_ManifestWithTheTransparentId_IsRefusedNamingFormat()
    {
        // Rounds of the first zk design (4a75c9e … e2e2315) said "por.round/1" with mode zk: no longer read.
        var copy = Copy("2026-12-06/zk");
        var manifest = Path.Combine(copy, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"por.round/2\"", "\"por.round/1\"", StringComparison.Ordinal));
        var (exit, output, error) = CliRunner.Run("round", "verify", "--round", copy, "--json");
        Assert.True(exit == 2, output + error);
        Assert.Contains("format", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultV2WrittenBeforeTheWindow_IsRefusedNamingTheMissingField()
    {
        // 1b50409 … 7941e4f wrote por-reserves-result/2 without the window fields; 7941e4f added them to /2 without a
        // new version, so those files are not read (docs/compatibility.md). The recorded /2 file without them:
        var json = JsonNode.Parse(File.ReadAllText(Recorded("2026-12-06-reserves/reserves-result.json")))!;
        foreach (var total in json["verifiedReserves"]!.AsArray())
        {
            total!.AsObject().Remove("stableAmount");
            total.AsObject().Remove("stableRows");
        }

        foreach (var row in json["rows"]!.AsArray())
        {
            row!.AsObject().Remove("window");
        }

        var ex = Assert.Throws<InputException>(() => ReserveResultReader.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "r.json"));
        Assert.Equal("rows[0].window", ex.Field);
    }

    private static string Recorded(string relative) => TestData.PathOf(Path.Combine("recorded", relative));

    private string Copy(string bundle)
    {
        var source = Recorded(bundle);
        var target = _dir.File(bundle.Replace('/', '-'));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
