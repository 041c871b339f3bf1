// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reports.Tests.Tokens;
using Por.Reports.Tokens;
using Por.Testing;

namespace Por.Cli.Tests.Tokens;

/// <summary><c>por attest --report TOKEN-REPORT</c> and <c>por attestation verify</c> on token reports, through the CLI.</summary>
public sealed class TokenAttestCommandTests
{
    [Fact]
    public void AttestAndVerify_TokenReport_PassesThenFailsOnEveryTampering()
    {
        using var temp = new TempDirectory();
        var report = temp.File("report.json");
        BigInteger btc = 80_000_000_000;
        File.WriteAllBytes(report, TokenReportJson.Serialize(TokenReport.Build(TokenReportSamples.Input(TokenReportSamples.Evaluation(btc, TokenReportSamples.Circulating - btc)))));
        var key = temp.File("auditor.key.json");
        var pub = temp.File("auditor.pub.json");
        var otherKey = temp.File("other.key.json");
        var otherPub = temp.File("other.pub.json");
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit LLP", "--out", key, "--public-out", pub).Exit);
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--algorithm", "secp256k1", "--name", "Audit LLP", "--out", otherKey, "--public-out", otherPub).Exit);
        var attestation = temp.File("attestation.json");
        var signed = CliRunner.Run("attest", "--report", report, "--key", key, "--out", attestation, "--json");
        Assert.True(signed.Exit == 0, signed.Out + signed.Err);
        Assert.Equal("por-token-attestation/1", CliRunner.Json(signed.Out).GetProperty("format").GetString());

        var ok = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--report", report, "--auditor-key", pub, "--json");
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Equal("verified", CliRunner.Json(ok.Out).GetProperty("status").GetString());
        Assert.Equal("wbtc-like", CliRunner.Json(ok.Out).GetProperty("token_id").GetString());
        var text = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--report", report, "--auditor-key", pub);
        Assert.StartsWith("PASS: Audit LLP attested the report of token wbtc-like", text.Out, StringComparison.Ordinal);

        AssertFails("key_mismatch", attestation, report, otherPub);

        // A tampered report: one amount changed.
        var tampered = temp.File("tampered.json");
        var body = File.ReadAllText(report);
        File.WriteAllText(tampered, body.Replace("\"total_reserves\": \"999.52345678\"", "\"total_reserves\": \"1999.52345678\"", StringComparison.Ordinal));
        Assert.NotEqual(body, File.ReadAllText(tampered));
        AssertFails("report_digest_mismatch", attestation, tampered, pub);

        // A tampered signature: the last hex digit of the signature changed.
        var json = File.ReadAllText(attestation);
        var at = json.IndexOf("\"signature\": \"", StringComparison.Ordinal) + "\"signature\": \"".Length + 127;
        var badSignature = temp.File("bad-signature.json");
        File.WriteAllText(badSignature, json[..at] + (json[at] == '0' ? '1' : '0') + json[(at + 1)..]);
        AssertFails("signature_invalid", badSignature, report, pub);

        // An exchange attestation needs --round; a token attestation refuses one (exit 2, nothing verified).
        Assert.Equal(2, CliRunner.Run("attestation", "verify", "--attestation", attestation, "--report", report, "--auditor-key", pub, "--round", temp.Path).Exit);
        Assert.Equal(2, CliRunner.Run("attest", "--report", temp.Write("exchange.json", "{\"format\": \"por-report/3\"}"), "--key", key, "--out", temp.File("x.json")).Exit);
        Assert.False(File.Exists(temp.File("x.json")));
    }

    private static void AssertFails(string code, string attestation, string report, string key)
    {
        var run = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--report", report, "--auditor-key", key, "--json");
        Assert.True(run.Exit == 1, $"exit {run.Exit}: {run.Out} {run.Err}");
        var json = CliRunner.Json(run.Out);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal(code, json.GetProperty("failure_code").GetString());
    }
}
