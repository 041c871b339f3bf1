// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Liabilities;
using Por.Reserves;
using Por.Reserves.Window;

namespace Por.Reports.Tests;

/// <summary>
/// Borrowed reserves in results and reports. The fixture's ETH wallet (claim 9.5 ETH at height 100) held 2 ETH at
/// heights 90 and 110 and 9.5 ETH at 95, 100 and 105: a round trip of 7.5 ETH, stable 2 ETH against 10 ETH of
/// liabilities (20%). The BTC wallet held 1.6 BTC throughout (stable ratio 106.66%, like the snapshot ratio); OKB has
/// no window ("not measured"). Each reader test edits one window field of the honest file the way a cheater would.
/// </summary>
public sealed class WindowReportTests
{
    private static readonly UInt128 s_eth = UInt128.Parse("9500000000000000000", CultureInfo.InvariantCulture);
    private static readonly UInt128 s_two = UInt128.Parse("2000000000000000000", CultureInfo.InvariantCulture);

    // Window [90, 110], 2 samples each side (90, 95 | 105, 110), 10% flag share.
    private static WindowObservation Window(UInt128 snapshot, params (long Height, UInt128 Balance)[] samples) =>
        WindowObservation.Create(100, snapshot, 90, 110, 2, 1_000, samples.Select(s => new WindowSample(s.Height, s.Balance)), complete: true, failure: null);

    public static ReserveVerificationResult Result(params RowOutcome[] extra)
    {
        var rows = ReportFixture.Result("2026-11").Rows.Select(r => r.Index switch
        {
            0 => r with { Window = Window(160_000_000, (90, 160_000_000), (95, 160_000_000), (105, 160_000_000), (110, 160_000_000)) },
            1 => r with { Window = Window(s_eth, (90, s_two), (95, s_eth), (105, s_eth), (110, s_two)) },
            _ => r,
        }).Concat(extra).ToList();
        return ReportFixture.Build("2026-11", rows);
    }

    private static JsonObject Honest() => JsonNode.Parse(ReserveResultJson.Serialize(Result()))!.AsObject();

    private static VerifiedReserves Read(JsonObject json) => ReserveResultReader.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "r.json");

    private static JsonObject EthWindow(JsonObject json) => json["rows"]![1]!["window"]!.AsObject();

    private static string Rejected(JsonObject json) => Assert.Throws<InvalidDataException>(() => Read(json)).Message;

    [Fact]
    public void Parse_HonestWindows_StableAndRoundTripsPerAsset()
    {
        var r = Read(Honest());
        var eth = r.Find("ETH")!;
        Assert.Equal(s_two, eth.Stable);
        Assert.Equal(1, eth.StableRows);
        Assert.Equal(1, eth.RoundTripRows);
        Assert.Equal(s_eth - s_two, eth.RoundTripAmount);
        Assert.Equal((UInt128)160_000_000, r.Find("BTC")!.Stable);
        Assert.Equal(0, r.Find("BTC")!.RoundTripRows);
        Assert.Null(r.Find("OKB")!.Stable);
        Assert.Null(r.Find("USDT")!.Stable);
    }

    [Fact]
    public void Parse_MinimumNotSmallestSample_Rejected()
    {
        var json = Honest();
        EthWindow(json)["minimum"] = s_eth.ToString(CultureInfo.InvariantCulture);
        Assert.Contains("minimum", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SnapshotSampleMissingOrOtherBalance_Rejected()
    {
        var json = Honest();
        EthWindow(json)["samples"]![2]!["balance"] = "1";
        Assert.Contains("snapshot height", Rejected(json), StringComparison.Ordinal);
        json = Honest();
        EthWindow(json)["samples"]!.AsArray().RemoveAt(2);
        Assert.Contains("snapshot height", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CompleteWindowMissingAScheduledSample_Rejected()
    {
        // Dropping the low sample at 90 (and fixing nothing else) would hide part of the dip.
        var json = Honest();
        EthWindow(json)["samples"]!.AsArray().RemoveAt(0);
        Assert.Contains("schedule", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SampleAtUnscheduledHeight_Rejected()
    {
        var json = Honest();
        EthWindow(json)["samples"]![1]!["height"] = 96;
        Assert.Contains("schedule", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamplesOutOfOrder_Rejected()
    {
        var json = Honest();
        EthWindow(json)["samples"]![0]!["height"] = 95;
        EthWindow(json)["samples"]![1]!["height"] = 90;
        Assert.Contains("ascending", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindowNotAroundSnapshot_Rejected()
    {
        var json = Honest();
        EthWindow(json)["from_height"] = 101;
        Assert.Contains("surround", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindowLongerThanARegistryAllows_Rejected()
    {
        var json = Honest();
        EthWindow(json)["to_height"] = long.MaxValue;
        Assert.Contains("longer than", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RoundTripFlagHiddenOrAmountChanged_Rejected()
    {
        var json = Honest();
        EthWindow(json)["round_trip"] = false;
        EthWindow(json)["round_trip_amount"] = "0";
        Assert.Contains("round_trip", Rejected(json), StringComparison.Ordinal);
        json = Honest();
        EthWindow(json)["round_trip_amount"] = "1";
        Assert.Contains("round_trip", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FlagShareRaisedToUnflag_Rejected()
    {
        // At 100% no drop of 7.5 out of 9.5 is flagged: the written flag no longer follows, however the policy reads.
        var json = Honest();
        EthWindow(json)["flag_share_basis_points"] = 10_000;
        Assert.Contains("round_trip", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CompleteWindowWithFailure_Rejected()
    {
        var json = Honest();
        EthWindow(json)["failure"] = "node error";
        Assert.Contains("records a failure", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StableTotalInflatedOrRowsAltered_Rejected()
    {
        var json = Honest();
        json["verified_reserves"]![1]!["stable_amount"] = s_eth.ToString(CultureInfo.InvariantCulture);
        Assert.Contains("stable", Rejected(json), StringComparison.Ordinal);
        json = Honest();
        json["verified_reserves"]![1]!["stable_rows"] = 0;
        Assert.Contains("stable", Rejected(json), StringComparison.Ordinal);
        json = Honest();
        json["verified_reserves"]![2]!["stable_amount"] = "1"; // OKB: no window, so no stable amount
        Assert.Contains("stable", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IncompleteWindowStillCountedStable_Rejected()
    {
        // An incomplete window measures nothing: its row adds no stable amount.
        var json = Honest();
        EthWindow(json)["complete"] = false;
        Assert.Contains("stable", Rejected(json), StringComparison.Ordinal);
        json["verified_reserves"]![1]!["stable_amount"] = null;
        json["verified_reserves"]![1]!["stable_rows"] = 0;
        Assert.Null(Read(json).Find("ETH")!.Stable);
    }

    [Fact]
    public void Parse_WindowOnFailedRow_Rejected()
    {
        var json = Honest();
        json["rows"]![2]!["window"] = EthWindow(json).DeepClone();
        Assert.Contains("failed but carries a window", Rejected(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_StableRatioBesideSnapshotRatio_NotMeasuredWithoutWindow()
    {
        using var f = new ReportFixture();
        var report = Compute(f, Result());
        var eth = report.Assets.Single(a => a.Symbol == "ETH");
        Assert.Equal("95.00", ReportFormat.Percent(eth.Ratio));
        Assert.Equal("20.00", ReportFormat.Percent(eth.StableRatio));
        Assert.Equal(1, eth.RoundTripRows);
        Assert.Equal("7.500000000000000000", ReportFormat.Native(eth.RoundTripAmount, eth.Decimals));
        var btc = report.Assets.Single(a => a.Symbol == "BTC");
        Assert.Equal("106.66", ReportFormat.Percent(btc.StableRatio));
        Assert.Null(report.Assets.Single(a => a.Symbol == "OKB").StableReserves);
        Assert.Null(report.Assets.Single(a => a.Symbol == "USDT").StableReserves);

        using var json = JsonDocument.Parse(SolvencyReportJson.Serialize(report));
        Assert.Equal("por-report/3", json.RootElement.GetProperty("format").GetString());
        var assets = json.RootElement.GetProperty("assets").EnumerateArray().ToDictionary(a => a.GetProperty("symbol").GetString()!, StringComparer.Ordinal);
        Assert.Equal("20.00", assets["ETH"].GetProperty("stable_ratio_percent").GetString());
        Assert.Equal("2.000000000000000000", assets["ETH"].GetProperty("stable_reserves").GetString());
        Assert.Equal(1, assets["ETH"].GetProperty("stable_rows").GetInt32());
        Assert.Equal(1, assets["ETH"].GetProperty("round_trip_rows").GetInt32());
        Assert.Equal("7.500000000000000000", assets["ETH"].GetProperty("round_trip_amount").GetString());
        Assert.Equal(JsonValueKind.Null, assets["OKB"].GetProperty("stable_reserves").ValueKind);
        Assert.Equal(JsonValueKind.Null, assets["OKB"].GetProperty("stable_ratio_percent").ValueKind);

        var html = HtmlReportRenderer.Render(report, null);
        Assert.Contains("data-field=\"stable_ratio_percent\" data-exact=\"20.00\" title=\"20.00\">20.00%<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"stable_ratio_percent\" data-exact=\"not measured\" title=\"not measured\">not measured<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"round_trips\">Round trip in 1 wallet(s): 7.5<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"round-trips\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NoWindowAnywhere_NotMeasuredAndNoRoundTripFlag()
    {
        using var f = new ReportFixture();
        var report = f.Compute();
        Assert.All(report.Assets, a => Assert.Null(a.StableReserves));
        var html = HtmlReportRenderer.Render(report, null);
        Assert.DoesNotContain("id=\"round-trips\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"stable_ratio_percent\" data-exact=\"0", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_WindowOnSomeRowsOnly_UnmeasuredRowsCountZeroAndAreLabelled()
    {
        using var f = new ReportFixture();
        var second = ReportFixture.Row(4, "ETH", "ethereum", "0x00000000000000000000000000000000000000e4", 500_000_000_000_000_000, 18, true);
        var report = Compute(f, Result(second));
        var eth = report.Assets.Single(a => a.Symbol == "ETH");
        Assert.Equal("2.000000000000000000", ReportFormat.Native(eth.StableReserves!.Value, eth.Decimals));
        Assert.Equal(1, eth.StableRows);
        Assert.Equal(2, eth.VerifiedRows);
        Assert.Contains("data-field=\"stable_reserves\" data-exact=\"2.000000000000000000\" title=\"2.000000000000000000 ETH\">2</span> (1 of 2 rows measured, others 0)", HtmlReportRenderer.Render(report, null), StringComparison.Ordinal);
    }

    private static SolvencyReport Compute(ReportFixture f, ReserveVerificationResult result) =>
        SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, ReserveResultReader.Read(f.WriteReserves(result)), f.ReadPrices(), new ReportOptions { PlatformToken = "OKB" }, null);
}
