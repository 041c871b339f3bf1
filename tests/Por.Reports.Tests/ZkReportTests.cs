// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Liabilities;
using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;
using Por.Reports.Attestation;

namespace Por.Reports.Tests;

/// <summary>
/// The solvency report on a zk bundle: the same accounts as <see cref="ReportFixture"/> proven in zk mode (test
/// parameter set, one batch) give the same totals and ratios as the transparent round, the statement says the mode
/// and reveals nothing the zk round keeps secret, and a bundle that does not verify is never used.
/// </summary>
public sealed class ZkReportTests
{
    [Fact]
    public void Compute_ZkBundle_SameTotalsAndRatiosAsTransparent()
    {
        using var f = new ReportFixture();
        var transparent = f.Compute();
        var zk = f.ComputeZk();
        Assert.Equal("zk", zk.Mode);
        Assert.Equal("transparent", transparent.Mode);
        Assert.Equal(transparent.RoundId, zk.RoundId);
        Assert.Equal(transparent.SnapshotTime, zk.SnapshotTime);
        Assert.NotEqual(transparent.Root, zk.Root);
        Assert.Equal(
            transparent.Assets.Select(a => (a.Symbol, a.Decimals, a.Liabilities, a.VerifiedReserves, a.Ratio?.ToFraction(), a.BelowFull, a.InLiabilities, a.Covered)),
            zk.Assets.Select(a => (a.Symbol, a.Decimals, a.Liabilities, a.VerifiedReserves, a.Ratio?.ToFraction(), a.BelowFull, a.InLiabilities, a.Covered)));
        Assert.Equal("191500.00", ReportFormat.Usd(zk.LiabilitiesUsd));
        Assert.Equal("203000.00", ReportFormat.Usd(zk.ReservesUsd));
        Assert.Equal("19/20", zk.Assets.Single(a => a.Symbol == "ETH").Ratio!.Value.ToFraction());
        Assert.Equal(["ETH", "USDT"], zk.Flagged.Select(a => a.Symbol));
    }

    [Fact]
    public void Compute_ZkBundle_LiabilitiesAreTheVerifiedManifestTotals()
    {
        using var f = new ReportFixture();
        var verified = LiabilitiesVerifier.Verify(f.ZkBundle, allowTestParameters: true).Liabilities!;
        var manifest = ZkRoundManifestJson.Read(Path.Combine(f.ZkBundle, BundleLayout.Manifest)).Header;
        Assert.Equal(manifest.Totals, verified.Totals);
        Assert.Equal(Convert.ToHexStringLower([.. manifest.Root]), verified.Root);
        Assert.Null(verified.AccountCount);
        Assert.Equal("pol-test-n4", verified.ParameterSetId);
        Assert.Equal(1, verified.BatchCount);
        Assert.Equal(16, verified.AccountsPerBatch);
        Assert.Equal(1, verified.ItemsChecked);
    }

    [Fact]
    public void Serialize_ZkReport_SaysModeAndRevealsOnlyWhatTheRoundPublishes()
    {
        using var f = new ReportFixture();
        var json = JsonDocument.Parse(SolvencyReportJson.Serialize(f.ComputeZk())).RootElement;
        Assert.Equal("por-report/3", json.GetProperty("format").GetString());
        var round = json.GetProperty("round");
        Assert.Equal(
            ["id", "snapshot_time", "root", "mode", "account_count", "parameter_set", "batch_count", "accounts_per_batch"],
            round.EnumerateObject().Select(p => p.Name));
        Assert.Equal("zk", round.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, round.GetProperty("account_count").ValueKind);
        Assert.Equal("pol-test-n4", round.GetProperty("parameter_set").GetString());
        Assert.Equal(1, round.GetProperty("batch_count").GetInt32());
        Assert.Equal(16, round.GetProperty("accounts_per_batch").GetInt32());
        Assert.Equal("pass", json.GetProperty("rubric").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "zero_knowledge").GetProperty("status").GetString());

        var transparent = JsonDocument.Parse(SolvencyReportJson.Serialize(f.Compute())).RootElement.GetProperty("round");
        Assert.Equal(2, transparent.GetProperty("account_count").GetInt64());
        Assert.Equal(JsonValueKind.Null, transparent.GetProperty("batch_count").ValueKind);
    }

    [Fact]
    public void Render_ZkReport_LiabilitiesProofLineAndNoAccountCount()
    {
        using var f = new ReportFixture();
        var html = HtmlReportRenderer.Render(f.ComputeZk(), null);
        Assert.Contains("<p id=\"liabilities-proof\" data-mode=\"zk\">Liabilities proven in <strong>zero knowledge</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"batch-count\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"accounts-per-batch\">16<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"account-count\"", html, StringComparison.Ordinal);
        var transparent = HtmlReportRenderer.Render(f.Compute(), null);
        Assert.Contains("<p id=\"liabilities-proof\" data-mode=\"transparent\">", transparent, StringComparison.Ordinal);
        Assert.Contains("data-field=\"account-count\">2<", transparent, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ZkBundleWithTestParameters_RefusedWithoutTheFlag()
    {
        using var f = new ReportFixture();
        var result = LiabilitiesVerifier.Verify(f.ZkBundle);
        Assert.Equal(BundleFailure.TestParametersRefused, result.Failure);
        Assert.Null(result.Liabilities);
        Assert.Contains("for tests only", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ZkManifestTotalChanged_Refused()
    {
        using var f = new ReportFixture();
        var manifest = Path.Combine(f.ZkBundle, BundleLayout.Manifest);
        var text = File.ReadAllText(manifest);
        Assert.Contains("\"total\": \"1.5\"", text, StringComparison.Ordinal);
        File.WriteAllText(manifest, text.Replace("\"total\": \"1.5\"", "\"total\": \"1.50000001\"", StringComparison.Ordinal));

        // The published root commits to the totals: recompute it, so that only the batch proofs can catch the edit.
        var edited = ZkRoundManifestJson.Read(manifest);
        File.WriteAllBytes(manifest, ZkRoundManifestJson.Serialize(edited with { Header = edited.Header with { Root = edited.Header.ComputeRoot() } }));
        var result = LiabilitiesVerifier.Verify(f.ZkBundle, allowTestParameters: true);
        Assert.Equal(BundleFailure.TotalMismatch, result.Failure);
        Assert.Contains("totals differ from the last batch's proven totals", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_InvalidVerdicts_CarryNoLiabilities()
    {
        using var f = new ReportFixture();
        Assert.NotNull(ZkRoundBundleVerifier.Verify(f.ZkBundle, allowTestParameters: true).Liabilities);
        var refused = ZkRoundBundleVerifier.Verify(f.ZkBundle);
        Assert.Equal(BundleFailure.TestParametersRefused, refused.Failure);
        Assert.Null(refused.Liabilities);
    }

    [Fact]
    public void Attest_ZkManifestAndReport_VerifiesAndTamperedManifestFails()
    {
        using var f = new ReportFixture();
        var report = f.Dir.Write("zk-report.json", SolvencyReportJson.Serialize(f.ComputeZk()));
        var manifest = Path.Combine(f.ZkBundle, BundleLayout.Manifest);
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = Attestor.Sign(manifest, report, key, DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));
        var check = Attestor.Verify(attestation, manifest, report, key.Public());
        Assert.True(check.IsValid, check.Message);

        // The transparent report of the same round has another root: it is not a report about this zk manifest.
        var transparentReport = f.Dir.Write("t-report.json", SolvencyReportJson.Serialize(f.Compute()));
        Assert.Contains("not the manifest's round", Assert.Throws<InvalidDataException>(() => Attestor.Sign(manifest, transparentReport, key, DateTimeOffset.FromUnixTimeSeconds(1_795_000_000))).Message, StringComparison.Ordinal);

        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\n", "\r\n", StringComparison.Ordinal));
        var tampered = Attestor.Verify(attestation, manifest, report, key.Public());
        Assert.Equal(AttestationFailure.ManifestDigestMismatch, tampered.Failure);
        Assert.Contains("not the manifest that was attested", tampered.Message, StringComparison.Ordinal);
    }
}
