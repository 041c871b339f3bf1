// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Reserves.Ownership;
using Por.Reserves.Window;

namespace Por.Cli.Tests;

/// <summary>
/// por report, attest and attestation verify on a zk bundle (the <see cref="ZkBundleFixture"/> round: test parameter
/// set, 2 batches), compared with the transparent round built from the same snapshot; tampered zk bundles are refused.
/// Liabilities: BTC 220, USDT 210, ETH 10. Verified reserves: BTC 230 (23/22), USDT 200 (20/21, flagged); ETH only an
/// unverified claim (0%, flagged).
/// </summary>
public sealed class ZkReportCommandTests(ZkBundleFixture round) : IClassFixture<ZkBundleFixture>, IDisposable
{
    private const string Test = "--allow-test-parameters";
    private static readonly string[] s_assetFields = ["symbol", "decimals", "liabilities", "verified_reserves", "unverified_claims", "ratio_percent", "ratio_exact", "excess", "excess_usd", "below_100", "covered"];
    private readonly string _dir = Directory.CreateTempSubdirectory("por-zk-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private readonly AuditorKey _verifierKey = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Zk Verifier");

    private string Reserves => WriteOnce("reserves-result.json", () =>
    {
        var bytes = ReserveResultJson.Serialize(Result());
        File.WriteAllBytes(Path.Combine(_dir, "reserves-result.json.sig"), ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(bytes, _verifierKey, DateTimeOffset.UnixEpoch)));
        return bytes;
    });

    private string ReservesKey => WriteOnce("verifier.pub.json", () => _verifierKey.Public().ToJson());

    private string Prices => WriteOnce("prices.csv", () => "symbol,usd_price\nBTC,100000\nUSDT,1\nETH,4000\n"u8.ToArray());

    private string NewDir() => Path.Combine(_dir, "t-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Report_ZkBundle_SameTotalsAndRatiosAsTransparentRoundOfSameSnapshot()
    {
        var transparentBundle = NewDir();
        var build = CliRunner.Run("round", "build", "--snapshot", round.Snapshot, "--assets", round.Assets, "--out", transparentBundle, "--round-id", "2026-11", "--snapshot-time", "2026-11-01T00:00:00Z");
        Assert.True(build.Exit == 0, build.Out + build.Err);

        var zkRun = CliRunner.Run("report", "--round", round.Bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir(), Test, "--json");
        Assert.True(zkRun.Exit == 0, zkRun.Out + zkRun.Err);
        var transparentRun = CliRunner.Run("report", "--round", transparentBundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir(), "--json");
        Assert.True(transparentRun.Exit == 0, transparentRun.Out + transparentRun.Err);
        var zk = CliRunner.Json(zkRun.Out);
        var transparent = CliRunner.Json(transparentRun.Out);

        var zkAssets = zk.GetProperty("report").GetProperty("assets").EnumerateArray().ToList();
        var transparentAssets = transparent.GetProperty("report").GetProperty("assets").EnumerateArray().ToList();
        Assert.Equal(["BTC", "USDT", "ETH"], zkAssets.Select(a => a.GetProperty("symbol").GetString()));
        Assert.Equal(Fields(transparentAssets), Fields(zkAssets));
        Assert.Equal(transparent.GetProperty("report").GetProperty("totals").GetRawText(), zk.GetProperty("report").GetProperty("totals").GetRawText());
        Assert.Equal(["USDT", "ETH"], zk.GetProperty("report").GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("220", zkAssets[0].GetProperty("liabilities").GetString()![..3]);
        Assert.Equal("23/22", zkAssets[0].GetProperty("ratio_exact").GetString());
        Assert.Equal("20/21", zkAssets[1].GetProperty("ratio_exact").GetString());
        Assert.Equal("0.00", zkAssets[2].GetProperty("ratio_percent").GetString());

        // The statement says how the liabilities were proven and shows only what the zk round publishes.
        var zkRound = zk.GetProperty("report").GetProperty("round");
        Assert.Equal("zk", zkRound.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, zkRound.GetProperty("account_count").ValueKind);
        Assert.Equal("pol-test-n4", zkRound.GetProperty("parameter_set").GetString());
        Assert.Equal(2, zkRound.GetProperty("batch_count").GetInt32());
        Assert.Equal(16, zkRound.GetProperty("accounts_per_batch").GetInt32());
        Assert.Equal(CliRunner.Json(round.BuildJson).GetProperty("root").GetString(), zkRound.GetProperty("root").GetString());
        Assert.Equal(2, zk.GetProperty("batches_checked").GetInt32());
        Assert.False(zk.TryGetProperty("leaves_checked", out _));
        Assert.Equal(21, transparent.GetProperty("leaves_checked").GetInt32());
        Assert.Equal(21, transparent.GetProperty("report").GetProperty("round").GetProperty("account_count").GetInt32());
        Assert.Equal("transparent", transparent.GetProperty("report").GetProperty("round").GetProperty("mode").GetString());
        Assert.Equal("pass", zk.GetProperty("rubric_full").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "zero_knowledge").GetProperty("status").GetString());

        var html = File.ReadAllText(zk.GetProperty("report_html").GetString()!);
        Assert.Contains("<p id=\"liabilities-proof\" data-mode=\"zk\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"account-count\"", html, StringComparison.Ordinal);

        var text = CliRunner.Run("report", "--round", round.Bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir(), Test);
        Assert.True(text.Exit == 0, text.Out + text.Err);
        Assert.Contains("(zk: 2 batches of at most 16 accounts; bundle verified, 2 batch proofs checked under parameter set pol-test-n4)", text.Out, StringComparison.Ordinal);
        Assert.Contains("liabilities proven in zero knowledge", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("21", text.Out.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ZkBundleWithTestParameters_RefusedWithoutTheFlag()
    {
        var output = NewDir();
        var (exit, stdout, stderr) = CliRunner.Run("report", "--round", round.Bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", output);
        Assert.Equal(1, exit);
        Assert.Contains("failed verification", stderr, StringComparison.Ordinal);
        Assert.Contains("for tests only", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("manifest.json", 0, "\"total\": \"210\"", "\"total\": \"210.000001\"", "root does not commit to the manifest's round fields")]
    [InlineData("manifest.json", 0, "\"round_id\": \"2026-11\"", "\"round_id\": \"2026-12\"", "root does not commit to the manifest's round fields")]
    [InlineData("batches/batch-00001.proof", 3, null, null, "batches/batch-00001.proof: SHA-256 differs")]
    [InlineData("batches/batch-00001.proof", -3, null, null, "batch 1:")]
    [InlineData("batches/batch-00000.proof", -100, null, null, "batch 0:")]
    [InlineData("batches/batch-00001.statement", -16, null, null, "batch 1:")]
    public void Report_TamperedZkBundle_Exit1AndNoOutputFiles(string relative, int flipFromEnd, string? from, string? to, string message)
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r-" + Guid.NewGuid().ToString("N")[..8]));
        var path = Path.Combine(bundle, relative);
        var manifestPath = Path.Combine(bundle, "manifest.json");
        if (from is not null)
        {
            var text = File.ReadAllText(path);
            Assert.Contains(from, text, StringComparison.Ordinal);
            File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        }
        else
        {
            // A negative offset also rewrites the manifest's hash of the file, so the proof system itself must catch it.
            var bytes = File.ReadAllBytes(path);
            var oldHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            bytes[^Math.Abs(flipFromEnd)] ^= 1;
            File.WriteAllBytes(path, bytes);
            if (flipFromEnd < 0)
            {
                File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace(oldHash, Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparison.Ordinal));
            }
        }

        var output = NewDir();
        var (exit, stdout, stderr) = CliRunner.Run("report", "--round", bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", output, Test);
        Assert.Equal(1, exit);
        Assert.Contains("failed verification", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        Assert.False(Directory.Exists(output));

        var json = CliRunner.Run("report", "--round", bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", output, Test, "--json");
        Assert.Equal(1, json.Exit);
        Assert.Equal("failed", CliRunner.Json(json.Out).GetProperty("status").GetString());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void AttestAndVerify_ZkReport_HonestPassesTamperedFails()
    {
        var work = NewDir();
        Directory.CreateDirectory(work);
        var report = Path.Combine(work, "r");
        var run = CliRunner.Run("report", "--round", round.Bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", report, Test);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var reportJson = Path.Combine(report, "report.json");
        var key = Path.Combine(work, "k.json");
        var pub = Path.Combine(work, "p.json");
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit LLP", "--out", key, "--public-out", pub).Exit);
        var attestation = Path.Combine(work, "a.json");
        var attest = CliRunner.Run("attest", "--round", round.Bundle, "--report", reportJson, "--key", key, "--out", attestation);
        Assert.True(attest.Exit == 0, attest.Out + attest.Err);

        var ok = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--round", round.Bundle, "--report", reportJson, "--auditor-key", pub);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Contains("PASS", ok.Out, StringComparison.Ordinal);

        // The report re-rendered with the attestation: the recomputed report is the attested one.
        var shown = CliRunner.Run("report", "--round", round.Bundle, "--reserves", Reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", report, "--force", "--attestation", attestation, "--auditor-key", pub, Test, "--json");
        Assert.True(shown.Exit == 0, shown.Out + shown.Err);
        Assert.True(CliRunner.Json(shown.Out).GetProperty("attestation").GetProperty("verified").GetBoolean());

        // Altered report.
        var altered = Path.Combine(work, "altered.json");
        File.WriteAllText(altered, File.ReadAllText(reportJson).Replace("\"20/21\"", "\"21/21\"", StringComparison.Ordinal));
        Assert.NotEqual(File.ReadAllText(reportJson), File.ReadAllText(altered));
        var badReport = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--round", round.Bundle, "--report", altered, "--auditor-key", pub);
        Assert.Equal(1, badReport.Exit);
        Assert.Contains("not the report that was attested", badReport.Out, StringComparison.Ordinal);

        // Altered zk manifest (another total): not the attested manifest.
        var roundCopy = round.CopyBundle(Path.Combine(work, "round-copy"));
        var manifestCopy = Path.Combine(roundCopy, "manifest.json");
        File.WriteAllText(manifestCopy, File.ReadAllText(manifestCopy).Replace("\"total\": \"210\"", "\"total\": \"211\"", StringComparison.Ordinal));
        var badManifest = CliRunner.Run("attestation", "verify", "--attestation", attestation, "--round", roundCopy, "--report", reportJson, "--auditor-key", pub);
        Assert.Equal(1, badManifest.Exit);
        Assert.Contains("not the manifest that was attested", badManifest.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Text_StableRatioBesideSnapshotRatioAndRoundTripFlagged()
    {
        // USDT (claim 200, liabilities 210) held 50 at both ends of its window: stable 50/210 = 23.80%, a round trip
        // of 150. BTC has no window: "not measured", never a number.
        var usdt = WindowObservation.Create(100, 200_000_000, 90, 110, 2, 1_000, [new WindowSample(90, 50_000_000), new WindowSample(95, 200_000_000), new WindowSample(105, 200_000_000), new WindowSample(110, 50_000_000)], complete: true, failure: null);
        var result = Result();
        var rows = result.Rows.Select(r => r.Asset == "USDT" ? r with { Window = usdt } : r).ToList();
        var windowed = result with { Rows = rows, Totals = [.. result.Totals.Select(t => t.Asset == "USDT" ? t with { Stable = 50_000_000, StableRows = 1 } : t)] };
        var reserves = Path.Combine(_dir, "windowed-result.json");
        var bytes = ReserveResultJson.Serialize(windowed);
        File.WriteAllBytes(reserves, bytes);
        File.WriteAllBytes(reserves + ".sig", ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(bytes, _verifierKey, DateTimeOffset.UnixEpoch)));

        var run = CliRunner.Run("report", "--round", round.Bundle, "--reserves", reserves, "--reserves-key", ReservesKey, "--prices", Prices, "--out", NewDir(), Test);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("stable ratio", run.Out, StringComparison.Ordinal);
        var lines = run.Out.Split('\n');
        var usdtLine = lines.Single(l => l.TrimStart().StartsWith("USDT ", StringComparison.Ordinal));
        Assert.Contains(" 95.23% ", usdtLine, StringComparison.Ordinal);
        Assert.Contains(" 23.80% ", usdtLine, StringComparison.Ordinal);
        Assert.Contains("ROUND TRIP x1", usdtLine, StringComparison.Ordinal);
        Assert.Contains("not measured", lines.Single(l => l.TrimStart().StartsWith("BTC ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("USDT: 1 wallet(s) flagged: 150.000000 USDT arrived before the snapshot and left after it", run.Out, StringComparison.Ordinal);
    }

    private static List<string> Fields(List<JsonElement> assets) =>
        [.. assets.SelectMany(a => s_assetFields.Select(f => $"{a.GetProperty("symbol").GetString()}.{f}={a.GetProperty(f).GetRawText()}"))];

    private static ReserveVerificationResult Result()
    {
        List<RowOutcome> rows =
        [
            Row(0, "BTC", 23_000_000_000, 8, true),
            Row(1, "USDT", 200_000_000, 6, true),
            Row(2, "ETH", 10_000_000_000_000_000_000, 18, false),
        ];
        var totals = rows.OrderBy(r => r.Asset, StringComparer.Ordinal).Select(r => new AssetTotal(
            r.Asset, r.Decimals, r.Status == RowStatus.Verified ? r.ClaimedAmount : UInt128.Zero, r.Status == RowStatus.Verified ? UInt128.Zero : r.ClaimedAmount,
            r.Status == RowStatus.Verified ? 1 : 0, r.Status == RowStatus.Verified ? 0 : 1)).ToList();
        return new ReserveVerificationResult("Zk Exchange", "2026-11", "reserves.json", rows, totals) { RegistrySha256 = new byte[32], Network = Por.Reserves.Registry.RegistryNetwork.Mainnet };
    }

    private static RowOutcome Row(int index, string asset, UInt128 amount, int decimals, bool verified) => new()
    {
        Index = index,
        Line = index + 1,
        Asset = asset,
        Chain = "ethereum",
        Address = "0x" + new string((char)('1' + index), 40),
        Scheme = "eip191-text",
        ClaimedAmount = amount,
        Decimals = decimals,
        Failure = verified ? RowFailure.None : RowFailure.NodeNotConfigured,
        Message = verified ? "verified" : "balance: no node configured",
        Ownership = OwnershipResult.Valid("signature recovers the address"),
        OnChainBalance = verified ? amount : null,
        BalanceBlockHash = verified ? "0x" + new string('a', 64) : null,
        SnapshotHeight = 100,
        Replayable = false,
    };

    private string WriteOnce(string name, Func<byte[]> content)
    {
        var path = Path.Combine(_dir, name);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, content());
        }

        return path;
    }
}
