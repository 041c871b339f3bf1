// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

/// <summary>por report, attest and attestation end to end on a small demo, with exit codes.</summary>
public sealed class ReportCommandTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    private string Round => Path.Combine(demo.Path, "round");

    private string Reserves => Path.Combine(demo.Path, "reserves-result.json");

    private string ReservesKey => Path.Combine(demo.Path, "auditor.pub.json");

    private string Prices => Path.Combine(demo.Path, "prices.csv");

    private string NewDir() => Path.Combine(demo.Path, "t-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Demo_Default_TellsWholeStoryAndPrintsHtmlPath()
    {
        var text = demo.Text;
        Assert.Contains("wallet keys", text, StringComparison.Ordinal);
        Assert.Contains("BELOW 100%", text, StringComparison.Ordinal);
        Assert.Contains("[pass   ] Auditor attested", text, StringComparison.Ordinal);

        // The headline in compact USD, the assets below 100% lowest first; the changes summarised, not one line each.
        Assert.Matches(@"\n  overall \d+\.\d\d%: verified reserves \$\d[\d.,]*[KMBT]?, customer liabilities \$\d[\d.,]*[KMBT]?; below 100%: SOL 0\.00%, ETH 96\.99%\n", text);
        Assert.Matches(@"\n  changes since round \S+: \d+ ratio fall\(s\), \d+ asset\(s\) added", text);
        Assert.DoesNotContain("  change: ", text, StringComparison.Ordinal);
        Assert.EndsWith($" — see {Path.Combine(demo.Path, "report", "report.html")}", text.TrimEnd(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(demo.Path, "report", "report.html")));
    }

    [Fact]
    public void Report_Json_FlagsShortAssetsAndWritesFiles()
    {
        var output = NewDir();
        var (exit, stdout, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--platform-token", "OKB", "--out", output, "--json");
        Assert.True(exit == 0, stdout + stderr);
        var json = CliRunner.Json(stdout);
        Assert.Equal(["ETH", "SOL"], json.GetProperty("report").GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.Equal("fail", json.GetProperty("rubric_full").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "auditor_attested").GetProperty("status").GetString());
    }

    [Fact]
    public void Report_TamperedBundle_Exit1AndNoOutput()
    {
        var copy = NewDir();
        CopyDirectory(Round, copy);
        var leaves = Path.Combine(copy, "store", "leaves.bin");
        var bytes = File.ReadAllBytes(leaves);
        bytes[^1] ^= 1;
        File.WriteAllBytes(leaves, bytes);
        var output = NewDir();
        var (exit, _, stderr) = CliRunner.Run("report", "--round", copy, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", output);
        Assert.Equal(1, exit);
        Assert.Contains("failed verification", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Report_MissingPrice_Exit2NamingFile()
    {
        var prices = Path.Combine(demo.Path, "short-prices.csv");
        File.WriteAllText(prices, "symbol,usd_price\nUSDT,1\n");
        var (exit, _, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", prices, "--out", NewDir());
        Assert.Equal(2, exit);
        Assert.Contains("short-prices.csv", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BothHistoryStores_Exit2()
    {
        var (exit, _, _) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--history", "h.sqlite", "--history-pg", "Host=x", "--out", NewDir());
        Assert.Equal(2, exit);
    }

    [Fact]
    public void Report_MalformedHistoryConnectionString_Exit2NamingFlag()
    {
        // Npgsql rejects it with an ArgumentException; that is bad input here, not a bug.
        var (exit, _, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--history-pg", "this is not=a;valid", "--out", NewDir());
        Assert.Equal(2, exit);
        Assert.Contains("error: --history-pg: malformed:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ReservesResultEditedConsistently_Exit1()
    {
        // The issue's attack: one verified row's claim, its on-chain balance and the asset total ×1000, consistently.
        var work = NewDir();
        Directory.CreateDirectory(work);
        var edited = Path.Combine(work, "reserves-result.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Reserves))!.AsObject();
        var row = json["rows"]!.AsArray().First(r => r!["status"]!.GetValue<string>() == "verified")!;
        var asset = row["asset"]!.GetValue<string>();
        var claim = UInt128.Parse(row["claimed_amount"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        row["claimed_amount"] = (claim * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        row["on_chain_balance"] = (UInt128.Parse(row["on_chain_balance"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var total = json["verified_reserves"]!.AsArray().First(t => t!["asset"]!.GetValue<string>() == asset)!;
        total["amount"] = (UInt128.Parse(total["amount"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) + (claim * 999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(edited, json.ToJsonString());
        File.Copy(Reserves + ".sig", edited + ".sig");

        var (exit, stdout, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", edited, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir());
        Assert.True(exit == 1, stdout + stderr);
        Assert.Contains("edited after verification", stderr, StringComparison.Ordinal);

        File.Delete(edited + ".sig");
        Assert.Equal(2, CliRunner.Run("report", "--round", Round, "--reserves", edited, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir()).Exit);
    }

    [Fact]
    public void Report_WithoutReservesKey_Exit2()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--prices", Prices, "--out", NewDir());
        Assert.Equal(2, exit);
        Assert.Contains("--reserves-key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AttestationWithoutTrustedKey_Exit2()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--attestation", Path.Combine(demo.Path, "report", "attestation.json"), "--out", NewDir());
        Assert.Equal(2, exit);
        Assert.Contains("--auditor-key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AttestAndVerify_HonestThenEachCheat_ExitCodes()
    {
        var work = NewDir();
        Directory.CreateDirectory(work);
        var report = Path.Combine(work, "r");
        Assert.Equal(0, CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", report).Exit);
        var reportJson = Path.Combine(report, "report.json");
        var key = Path.Combine(work, "k.json");
        var pub = Path.Combine(work, "p.json");
        var otherPub = Path.Combine(work, "p2.json");
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--algorithm", "secp256k1", "--name", "Audit LLP", "--out", key, "--public-out", pub).Exit);
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit LLP", "--out", Path.Combine(work, "k2.json"), "--public-out", otherPub).Exit);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.Equal(3, CliRunner.Run("attestation", "keygen", "--name", "Audit LLP", "--out", key, "--public-out", pub).Exit);
        var attestation = Path.Combine(work, "a.json");
        Assert.Equal(0, CliRunner.Run("attest", "--round", Round, "--report", reportJson, "--key", key, "--out", attestation).Exit);

        var ok = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--round", Round, "--report", reportJson, "--auditor-key", pub, "--json");
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Equal("verified", CliRunner.Json(ok.Out).GetProperty("status").GetString());

        // Wrong trusted key.
        AssertVerifyFails("key_mismatch", "--attestation", attestation, "--round", Round, "--report", reportJson, "--auditor-key", otherPub);

        // Altered report.
        var altered = Path.Combine(work, "altered.json");
        File.WriteAllText(altered, File.ReadAllText(reportJson) + " ");
        AssertVerifyFails("report_digest_mismatch", "--attestation", attestation, "--round", Round, "--report", altered, "--auditor-key", pub);

        // Altered manifest.
        var roundCopy = Path.Combine(work, "round-copy");
        Directory.CreateDirectory(roundCopy);
        File.WriteAllText(Path.Combine(roundCopy, "manifest.json"), File.ReadAllText(Path.Combine(Round, "manifest.json")).Replace("\n", "\r\n", StringComparison.Ordinal));
        AssertVerifyFails("manifest_digest_mismatch", "--attestation", attestation, "--round", roundCopy, "--report", reportJson, "--auditor-key", pub);

        // Altered signature.
        var text = File.ReadAllText(attestation);
        var at = text.IndexOf("\"signature\": \"", StringComparison.Ordinal) + 14;
        var flipped = text[..at] + (text[at] == '0' ? '1' : '0') + text[(at + 1)..];
        var badSig = Path.Combine(work, "bad-sig.json");
        File.WriteAllText(badSig, flipped);
        AssertVerifyFails("signature_invalid", "--attestation", badSig, "--round", Round, "--report", reportJson, "--auditor-key", pub);

        // The report re-rendered with the attestation shows it verified; with the wrong key it exits 1 and shows why.
        var shown = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", report, "--force", "--attestation", attestation, "--auditor-key", pub, "--json");
        Assert.True(shown.Exit == 0, shown.Out + shown.Err);
        Assert.True(CliRunner.Json(shown.Out).GetProperty("attestation").GetProperty("verified").GetBoolean());
        Assert.Contains("data-status=\"verified\"", File.ReadAllText(Path.Combine(report, "report.html")), StringComparison.Ordinal);
        var wrong = CliRunner.Run("report", "--round", Round, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", report, "--force", "--attestation", attestation, "--auditor-key", otherPub, "--json");
        Assert.Equal(1, wrong.Exit);
        var wrongAttestation = CliRunner.Json(wrong.Out).GetProperty("attestation");
        Assert.False(wrongAttestation.GetProperty("verified").GetBoolean());
        Assert.Equal("key_mismatch", wrongAttestation.GetProperty("failure_code").GetString());
        Assert.Contains("data-status=\"invalid\"", File.ReadAllText(Path.Combine(report, "report.html")), StringComparison.Ordinal);
    }

    private static void AssertVerifyFails(string failureCode, params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(["attestation", "verify", .. args, "--json"]);
        Assert.True(exit == 1, stdout + stderr);
        var json = CliRunner.Json(stdout);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal(failureCode, json.GetProperty("failure_code").GetString());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
