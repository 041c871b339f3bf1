// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Liabilities.Audit;
using Por.Liabilities.Rounds;

namespace Por.Cli.Tests;

/// <summary>
/// Auditor sampling end to end on the demo's transparent round (300 accounts): <c>audit sample</c>, the operator's
/// <c>inclusion export --ids</c>, <c>audit verify</c>, then the result in <c>report</c> and in the attestation.
/// </summary>
public sealed class AuditCommandTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    private const string Hash = "00000000000000000001c3b1d2a1b9f3e8e5a0a8b6b7d1f2e3c4b5a697887766";
    private const string OtherHash = "0000000000000000000254f1a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4";

    private readonly string _work = Directory.CreateTempSubdirectory("por-audit-").FullName;

    private string D(string name) => Path.Combine(demo.Path, name);

    private string New(string name) => Path.Combine(_work, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    private List<string> RoundIds() => [.. File.ReadLines(D("snapshot.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal)];

    /// <summary>The auditor's list: every account of the round, plus <paramref name="extra"/> ids the round lacks.</summary>
    private string AuditorList(params string[] extra)
    {
        var path = New("list.txt");
        File.WriteAllLines(path, [.. RoundIds(), .. extra]);
        return path;
    }

    private (int Exit, string Out, string Err) Sample(string list, string output, string hash = Hash, params string[] more) =>
        CliRunner.Run(["audit", "sample", "--round", D("round"), "--list", list, "--seed-chain", "bitcoin", "--seed-height", "901234", "--seed-block-hash", hash, "--out", output, "--json", .. more]);

    private string Export(string ids)
    {
        var output = New("export");
        var run = CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", ids, "--out", output, "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        return output;
    }

    private (int Exit, JsonElement Json) Verify(string sample, string list, string inclusions, string? output = null)
    {
        string[] args = ["audit", "verify", "--sample", sample, "--list", list, "--round", D("round/manifest.json"), "--inclusions", inclusions, "--json"];
        var run = CliRunner.Run(output is null ? args : [.. args, "--out", output]);
        Assert.True(run.Exit is 0 or 1, run.Out + run.Err);
        return (run.Exit, CliRunner.Json(run.Out));
    }

    [Fact]
    public void Honest_EverySampledAccountIncluded_PassWithTheBound()
    {
        var list = AuditorList();
        var sample = New("sample.json");
        var run = Sample(list, sample, Hash, "--max-omitted-fraction", "0.05");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal(59, CliRunner.Json(run.Out).GetProperty("sample_size").GetInt32());
        var accounts = AuditSampleJson.Parse(File.ReadAllBytes(sample), sample).Accounts;
        Assert.Equal(59, accounts.Count);

        var export = Export(sample);
        Assert.Equal(59, Directory.GetFiles(export, "*.json", SearchOption.AllDirectories).Length - 1);
        var resultPath = New("result.json");
        var (exit, json) = Verify(sample, list, export, resultPath);
        Assert.Equal(0, exit);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal(59, json.GetProperty("included").GetInt32());
        Assert.Equal(0, json.GetProperty("missing").GetInt32());
        // 1 − 0.05^(1/59) = 0.0495076… (mpmath), printed rounded up to six decimals.
        Assert.Equal(AuditStatistics.FormatUp(AuditStatistics.UpperBound(59, 0, 0.95)), json.GetProperty("omitted_fraction_bound").GetString());
        Assert.Equal("0.049508", json.GetProperty("omitted_fraction_bound").GetString());
        Assert.Equal(AuditStatistics.FiniteUpperBound(300, 59, 0, 0.95), json.GetProperty("omitted_accounts_bound").GetInt64());
        var result = AuditResultJson.Parse(File.ReadAllBytes(resultPath), resultPath);
        Assert.True(result.Passed);
        Assert.True(result.TargetMet);

        var text = CliRunner.Run("audit", "verify", "--sample", sample, "--list", list, "--round", D("round"), "--inclusions", export);
        Assert.Equal(0, text.Exit);
        Assert.Contains("At 95% confidence, at most 4.9508% of your list", text.Out, StringComparison.Ordinal);
        Assert.EndsWith("PASS: every sampled account is included in the round.", text.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void OperatorOmitsAnAccount_DrawnAccountIsMissing_Exit1()
    {
        // The auditor knows a customer the operator left out of the round; the whole list is drawn so it is sampled.
        var list = AuditorList("omitted-customer");
        var sample = New("sample.json");
        Assert.Equal(0, Sample(list, sample, Hash, "--size", "301").Exit);

        // The operator cannot export it (exit 2, located, nothing written) ...
        var refused = New("export");
        var run = CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", sample, "--out", refused, "--json");
        Assert.Equal(2, run.Exit);
        var error = CliRunner.Json(run.Out);
        Assert.Equal(sample, error.GetProperty("file").GetString());
        Assert.StartsWith("accounts[", error.GetProperty("field").GetString(), StringComparison.Ordinal);
        Assert.Contains("'omitted-customer' is not in this round", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(refused));
        Assert.Empty(Directory.GetFileSystemEntries(_work, "." + Path.GetFileName(refused) + "*"));

        // ... so it hands over the others, and the audit finds the gap.
        var others = New("ids.txt");
        File.WriteAllLines(others, RoundIds());
        var (exit, json) = Verify(sample, list, Export(others));
        Assert.Equal(1, exit);
        Assert.Equal("account_missing", json.GetProperty("failure_code").GetString());
        Assert.Equal((300, 1, 0), (json.GetProperty("included").GetInt32(), json.GetProperty("missing").GetInt32(), json.GetProperty("invalid").GetInt32()));
        var missing = json.GetProperty("not_included").EnumerateArray().Single();
        Assert.Equal("omitted-customer", missing.GetProperty("account_id").GetString());
        Assert.Equal("not_exported", missing.GetProperty("failure_code").GetString());
        Assert.Equal(AuditStatistics.FormatUp(AuditStatistics.UpperBound(301, 1, 0.95)), json.GetProperty("omitted_fraction_bound").GetString());
        Assert.Equal(1, json.GetProperty("omitted_accounts_bound").GetInt64());
    }

    [Fact]
    public void TamperedOrSwappedInclusionFile_Invalid_Exit1()
    {
        var list = AuditorList();
        var sample = New("sample.json");
        Assert.Equal(0, Sample(list, sample, Hash, "--size", "10").Exit);
        var accounts = AuditSampleJson.Parse(File.ReadAllBytes(sample), sample).Accounts;
        var export = Export(sample);

        // A balance raised in one file: the path no longer leads to the root.
        var first = Path.Combine(export, InclusionExportLayout.RelativePath(accounts[0]));
        var node = JsonNode.Parse(File.ReadAllText(first))!;
        var balances = node["account"]!["balances"]!.AsObject();
        var symbol = balances.Select(p => p.Key).FirstOrDefault() ?? node["assets"]![0]!["symbol"]!.GetValue<string>();
        balances[symbol] = balances[symbol]?.GetValue<string>() == "1" ? "2" : "1";
        File.WriteAllText(first, node.ToJsonString());

        // Another account's valid file put in place of a sampled one's.
        File.Copy(Path.Combine(export, InclusionExportLayout.RelativePath(accounts[2])), Path.Combine(export, InclusionExportLayout.RelativePath(accounts[1])), overwrite: true);

        // A file that is not JSON.
        File.WriteAllText(Path.Combine(export, InclusionExportLayout.RelativePath(accounts[3])), "{ not json");

        var (exit, json) = Verify(sample, list, export);
        Assert.Equal(1, exit);
        Assert.Equal("account_invalid", json.GetProperty("failure_code").GetString());
        Assert.Equal((7, 0, 3), (json.GetProperty("included").GetInt32(), json.GetProperty("missing").GetInt32(), json.GetProperty("invalid").GetInt32()));
        var codes = json.GetProperty("not_included").EnumerateArray().ToDictionary(e => e.GetProperty("account_id").GetString()!, e => e.GetProperty("failure_code").GetString(), StringComparer.Ordinal);
        Assert.NotEqual("account_mismatch", codes[accounts[0]]);
        Assert.True(codes[accounts[0]] is "root_mismatch" or "total_mismatch", codes[accounts[0]]);
        Assert.Equal("account_mismatch", codes[accounts[1]]);
        Assert.Equal("malformed", codes[accounts[3]]);
    }

    [Fact]
    public void AnotherSeed_AnotherSample_AndAnEditedSampleIsRejected()
    {
        var list = AuditorList();
        var a = New("a.json");
        var b = New("b.json");
        Assert.Equal(0, Sample(list, a, Hash, "--size", "20").Exit);
        Assert.Equal(0, Sample(list, b, OtherHash, "--size", "20").Exit);
        var sa = AuditSampleJson.Parse(File.ReadAllBytes(a), a).Accounts;
        var sb = AuditSampleJson.Parse(File.ReadAllBytes(b), b).Accounts;
        Assert.NotEqual(sa, sb);

        // Re-deriving with the same inputs gives the same file, byte for byte.
        var again = New("again.json");
        Assert.Equal(0, Sample(list, again, Hash, "--size", "20").Exit);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(again));

        // An operator who swaps a sampled account for one it prefers (with every file present) is caught.
        var node = JsonNode.Parse(File.ReadAllText(a))!;
        var preferred = RoundIds().First(id => !sa.Contains(id, StringComparer.Ordinal));
        node["accounts"]![0] = preferred;
        var edited = New("edited.json");
        File.WriteAllText(edited, node.ToJsonString());
        var (exit, json) = Verify(edited, list, Export(edited));
        Assert.Equal(1, exit);
        Assert.Equal("sample_mismatch", json.GetProperty("failure_code").GetString());

        // And the seed is what decides: the same edit with the other sample's seed is still not its draw.
        var otherList = AuditorList("someone-else");
        var (exit2, json2) = Verify(a, otherList, Export(a));
        Assert.Equal(1, exit2);
        Assert.Equal("sample_mismatch", json2.GetProperty("failure_code").GetString());
    }

    [Fact]
    public void BadInput_Located_Exit2_NothingWritten()
    {
        var dup = New("dup.txt");
        File.WriteAllText(dup, "alice\nbob\nalice\n");
        var output = New("sample.json");
        var run = Sample(dup, output, Hash, "--size", "1");
        Assert.Equal(2, run.Exit);
        var json = CliRunner.Json(run.Out);
        Assert.Equal((dup, 3, "account_id"), (json.GetProperty("file").GetString(), json.GetProperty("line").GetInt32(), json.GetProperty("field").GetString()));
        Assert.False(File.Exists(output));

        var list = AuditorList();
        Assert.Equal(2, Sample(list, output, Hash, "--size", "5", "--max-omitted-fraction", "0.01").Exit);
        Assert.Equal(2, Sample(list, output, Hash).Exit);
        Assert.Equal(2, Sample(list, output, Hash, "--size", "301").Exit);
        var badConfidence = Sample(list, output, Hash, "--size", "5", "--confidence", "95");
        Assert.Equal("--confidence", CliRunner.Json(badConfidence.Out).GetProperty("file").GetString());
        var badHash = Sample(list, output, "xyz", "--size", "5");
        Assert.Equal("--seed-block-hash", CliRunner.Json(badHash.Out).GetProperty("file").GetString());
        Assert.False(File.Exists(output));

        // A sample file with a bad field names it. (An existing sample is refused, exit 3, unless --force.)
        Assert.Equal(0, Sample(list, output, Hash, "--size", "5").Exit);
        var before = File.ReadAllBytes(output);
        Assert.Equal(3, Sample(list, output, OtherHash, "--size", "5").Exit);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Equal(0, Sample(list, output, Hash, "--size", "5", "--force").Exit);
        var node = JsonNode.Parse(File.ReadAllText(output))!;
        node["seed"]!["height"] = -4;
        var bad = New("bad-sample.json");
        File.WriteAllText(bad, node.ToJsonString());
        var verify = CliRunner.Run("audit", "verify", "--sample", bad, "--list", list, "--round", D("round"), "--inclusions", _work, "--json");
        Assert.Equal(2, verify.Exit);
        Assert.Equal((bad, "seed.height"), (CliRunner.Json(verify.Out).GetProperty("file").GetString(), CliRunner.Json(verify.Out).GetProperty("field").GetString()));

        // An ids file for export with an unknown id names its line; an existing output is refused.
        var ids = New("ids.txt");
        File.WriteAllLines(ids, [RoundIds()[0], "nobody"]);
        var export = New("export");
        var refused = CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", ids, "--out", export, "--json");
        Assert.Equal(2, refused.Exit);
        Assert.Equal((ids, 2, "account_id"), (CliRunner.Json(refused.Out).GetProperty("file").GetString(), CliRunner.Json(refused.Out).GetProperty("line").GetInt32(), CliRunner.Json(refused.Out).GetProperty("field").GetString()));
        Assert.False(Directory.Exists(export));
        Assert.Equal(3, CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", ids, "--out", _work).Exit);
        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", ids, "--all", "--out", New("x")).Exit);
    }

    [Fact]
    public void SampleOfAnotherRound_RefusedByExport_AndVerify()
    {
        var list = AuditorList();
        var sample = New("sample.json");
        Assert.Equal(0, Sample(list, sample, Hash, "--size", "5").Exit);
        var node = JsonNode.Parse(File.ReadAllText(sample))!;
        node["round"]!["root"] = new string('a', 64);
        var other = New("other.json");
        File.WriteAllText(other, node.ToJsonString());
        var export = CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", other, "--out", New("e"), "--json");
        Assert.Equal(2, export.Exit);
        Assert.Equal("round", CliRunner.Json(export.Out).GetProperty("field").GetString());
        var (exit, json) = Verify(other, list, Export(sample));
        Assert.Equal(1, exit);
        Assert.Equal("round_mismatch", json.GetProperty("failure_code").GetString());
    }

    [Fact]
    public void Result_GoesIntoTheReport_AndTheAttestation()
    {
        var list = AuditorList();
        var sample = New("sample.json");
        Assert.Equal(0, Sample(list, sample, Hash, "--size", "30").Exit);
        var export = Export(sample);
        var result = New("result.json");
        Assert.Equal(0, Verify(sample, list, export, result).Exit);

        // The report shows the section (counts and bound; no account id: the report is public).
        var reportDir = New("report");
        var report = CliRunner.Run("report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", D("prices.csv"), "--audit-result", result, "--out", reportDir);
        Assert.True(report.Exit == 0, report.Out + report.Err);
        var html = File.ReadAllText(Path.Combine(reportDir, "report.html"));
        Assert.Contains("<div id=\"audit\" data-verdict=\"pass\">", html, StringComparison.Ordinal);
        Assert.Contains("<span data-field=\"audit-included\">30</span>", html, StringComparison.Ordinal);
        Assert.Contains($"<strong data-field=\"audit-bound\">{Percent(AuditStatistics.FormatUp(AuditStatistics.UpperBound(30, 0, 0.95)))}</strong>", html, StringComparison.Ordinal);
        var sampled = AuditSampleJson.Parse(File.ReadAllBytes(sample), sample).Accounts;
        Assert.DoesNotContain(sampled, id => html.Contains('>' + id + '<', StringComparison.Ordinal));
        var plain = New("plain");
        Assert.Equal(0, CliRunner.Run("report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", D("prices.csv"), "--out", plain).Exit);
        Assert.Contains("<p id=\"audit\" data-verdict=\"none\">", File.ReadAllText(Path.Combine(plain, "report.html")), StringComparison.Ordinal);

        // The attestation signs the result's digest (por-attestation/2), and verification needs that very file.
        var key = New("auditor.key.json");
        var pub = New("auditor.pub.json");
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit LLP", "--out", key, "--public-out", pub).Exit);
        var reportJson = Path.Combine(reportDir, "report.json");
        var attestation = New("attestation.json");
        var attest = CliRunner.Run("attest", "--round", D("round"), "--report", reportJson, "--key", key, "--audit-result", result, "--out", attestation, "--json");
        Assert.True(attest.Exit == 0, attest.Out + attest.Err);
        Assert.Equal("por-attestation/2", CliRunner.Json(attest.Out).GetProperty("format").GetString());
        string[] check = ["attestation", "verify", "--attestation", attestation, "--round", D("round"), "--report", reportJson, "--auditor-key", pub, "--json"];
        var ok = CliRunner.Run([.. check, "--audit-result", result]);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.True(CliRunner.Json(ok.Out).GetProperty("covers_audit_result").GetBoolean());

        // Without the result: a usage error naming --audit-result. With another result: the digest differs.
        var without = CliRunner.Run(check);
        Assert.Equal(2, without.Exit);
        Assert.Equal("--audit-result", CliRunner.Json(without.Out).GetProperty("file").GetString());
        var otherResult = New("other-result.json");
        var otherSample = New("other-sample.json");
        Assert.Equal(0, Sample(list, otherSample, OtherHash, "--size", "30").Exit);
        Assert.Equal(0, Verify(otherSample, list, Export(otherSample), otherResult).Exit);
        var wrong = CliRunner.Run([.. check, "--audit-result", otherResult]);
        Assert.Equal(1, wrong.Exit);
        Assert.Equal("audit_result_digest_mismatch", CliRunner.Json(wrong.Out).GetProperty("failure_code").GetString());

        // Dropping the field (a /1 attestation claiming nothing about an audit) breaks the signature.
        var stripped = JsonNode.Parse(File.ReadAllText(attestation))!.AsObject();
        stripped.Remove("audit_result_sha256");
        stripped["format"] = "por-attestation/1";
        var strippedPath = New("stripped.json");
        File.WriteAllText(strippedPath, stripped.ToJsonString());
        var strippedRun = CliRunner.Run(["attestation", "verify", "--attestation", strippedPath, "--round", D("round"), "--report", reportJson, "--auditor-key", pub, "--json"]);
        Assert.NotEqual(0, strippedRun.Exit);

        // A /1 attestation does not vouch for a result given beside it.
        var plainAttestation = New("plain-attestation.json");
        Assert.Equal(0, CliRunner.Run("attest", "--round", D("round"), "--report", reportJson, "--key", key, "--out", plainAttestation).Exit);
        var notAttested = CliRunner.Run("attestation", "verify", "--attestation", plainAttestation, "--round", D("round"), "--report", reportJson, "--auditor-key", pub, "--audit-result", result, "--json");
        Assert.Equal(1, notAttested.Exit);
        Assert.Equal("audit_result_not_attested", CliRunner.Json(notAttested.Out).GetProperty("failure_code").GetString());

        // The report checks the attestation with the result too.
        var attested = CliRunner.Run("report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", D("prices.csv"), "--audit-result", result, "--attestation", attestation, "--auditor-key", pub, "--out", New("attested"), "--json");
        Assert.Equal(0, attested.Exit);

        // An edited summary in the result file is rejected wherever it is read.
        var edited = JsonNode.Parse(File.ReadAllText(result))!;
        edited["omitted_fraction_bound"] = "0.000001";
        var editedPath = New("edited-result.json");
        File.WriteAllText(editedPath, edited.ToJsonString());
        var editedReport = CliRunner.Run("report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", D("prices.csv"), "--audit-result", editedPath, "--out", New("edited"), "--json");
        Assert.Equal(2, editedReport.Exit);
        Assert.Equal("omitted_fraction_bound", CliRunner.Json(editedReport.Out).GetProperty("field").GetString());
    }

    private static string Percent(string probability) =>
        (decimal.Parse(probability, CultureInfo.InvariantCulture) * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
