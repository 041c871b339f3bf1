// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Por.Reports.Tokens;
using Por.Tokens.Model;
using static Por.Reports.Tests.Tokens.TokenReportSamples;

namespace Por.Reports.Tests.Tokens;

public sealed partial class TokenReportTests
{
    private static readonly BigInteger s_btc = 80_000_000_000; // 800 BTC

    [Fact]
    public void Json_IsDeterministic_AndPrintsExactAmountsWithTheTokensDecimals()
    {
        var statement = Circulating - s_btc + 1;
        var report = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement)));
        var bytes = TokenReportJson.Serialize(report);
        Assert.Equal(bytes, TokenReportJson.Serialize(TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement)))));
        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        Assert.Equal("por-token-report/1", root.GetProperty("format").GetString());
        Assert.Equal("covered", root.GetProperty("status").GetString());
        Assert.Equal("999.52345678", root.GetProperty("circulating_supply").GetString());
        Assert.Equal("999.52345679", root.GetProperty("total_reserves").GetString());
        Assert.Equal("1000.12345678", root.GetProperty("supply")[0].GetProperty("total_supply").GetString());
        Assert.Equal("0.00000000", root.GetProperty("supply")[1].GetProperty("counted").GetString());
        Assert.Equal("100.00", root.GetProperty("ratio_percent").GetString());
        Assert.Equal($"{Circulating + 1}/{Circulating}", root.GetProperty("ratio_exact").GetString());
        Assert.Equal(("wbtc-like", At), TokenReportJson.ReadSubject(bytes, "report.json"));
    }

    [Fact]
    public void Ratio_IsTruncated_NeverRoundedUpToFullCoverage()
    {
        // reserves = supply − 1 base unit: 99.99999…% shows 99.99, and the status is undercollateralized.
        var report = TokenReport.Build(Input(Evaluation(s_btc, Circulating - s_btc - 1)));
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        Assert.Equal("99.99", doc.RootElement.GetProperty("ratio_percent").GetString());
        Assert.Equal("undercollateralized", doc.RootElement.GetProperty("status").GetString());
        var html = TokenReportHtml.Render(report);
        Assert.Contains("data-status=\"undercollateralized\"", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"ratio\" data-exact=\"99.99\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedEvidence_GivesNoRatioNoTotalsAndNoComparison()
    {
        var report = TokenReport.Build(Input(Evaluation(s_btc, Circulating, EvidenceFailure.Stale), Monthly(s_btc, Circulating)));
        Assert.Null(report.Ratio);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var root = doc.RootElement;
        Assert.Equal("evidence_failed", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ratio_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("total_reserves").ValueKind);
        Assert.Equal("reserve btc-custody: stale", root.GetProperty("failed_evidence")[0].GetString());
        var comparison = root.GetProperty("monthly").GetProperty("comparison");
        Assert.False(comparison.GetProperty("comparable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("ratio_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, comparison.GetProperty("covered").ValueKind);
        var html = TokenReportHtml.Render(report);
        Assert.Contains("id=\"failed-evidence\"", html, StringComparison.Ordinal);
        Assert.Contains("data-covered=\"null\"", html, StringComparison.Ordinal);
        // The stale source's amount is not shown as if it counted.
        Assert.Contains("not counted", html, StringComparison.Ordinal);
        // Only the usable class is in the composition.
        Assert.Equal(["signed_statement"], root.GetProperty("composition").EnumerateArray().Select(c => c.GetProperty("class").GetString()));
    }

    [Fact]
    public void Monthly_OutstandingIsMintedMinusNonRedeemable_AndPledgedAssetsAreListedNotAvailable()
    {
        var statement = Circulating - s_btc;
        var plain = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement))).Monthly!;
        Assert.Equal(Minted, plain.MintedTotal); // the representation's 200 are not added
        Assert.Equal(Treasury, plain.TemporarilyNonRedeemable);
        Assert.Equal(Test, plain.PermanentlyNonRedeemable);
        Assert.Equal(Circulating, plain.Outstanding);
        Assert.True(plain.Covered);
        Assert.Equal(BigInteger.Zero, plain.Excess);

        // A pledged T-bill line besides: held, listed, but not available and not in the comparison.
        BigInteger pledged = 5_000_000_000;
        var report = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement, pledged)));
        Assert.Equal(plain.AssetsTotal + pledged, report.Monthly!.AssetsTotal);
        Assert.Equal(plain.AvailableTotal, report.Monthly.AvailableTotal);
        Assert.Equal(BigInteger.Zero, report.Monthly.Excess);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var assets = doc.RootElement.GetProperty("monthly").GetProperty("redemption_assets");
        Assert.Equal("1049.52345678", assets.GetProperty("total").GetString());
        Assert.Equal("999.52345678", assets.GetProperty("available").GetString());
        Assert.True(assets.GetProperty("lines")[2].GetProperty("pledged").GetBoolean());
        Assert.Contains("data-field=\"encumbered\">pledged<", TokenReportHtml.Render(report), StringComparison.Ordinal);

        // Counting the pledged line as available would inflate the reserves: refused.
        var counted = Monthly(s_btc, statement, pledged);
        counted = counted with { Assets = [.. counted.Assets.Take(2), counted.Assets[2] with { Pledged = false }] };
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), counted)));
    }

    [Fact]
    public void Monthly_ShortfallIsStated_WhenAvailableAssetsAreBelowOutstandingTokens()
    {
        var statement = Circulating - s_btc - 1_000;
        var report = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement)));
        Assert.False(report.Monthly!.Covered);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        Assert.Equal("-0.00001000", doc.RootElement.GetProperty("monthly").GetProperty("comparison").GetProperty("excess").GetString());
        Assert.Contains("data-covered=\"false\"", TokenReportHtml.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_StatesEveryTimingDifferenceFromTheMeasurementPoint()
    {
        var statement = Circulating - s_btc;
        var m = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement))).Monthly!;
        var supply = m.Timing.Single(t => t.Source.StartsWith("supply ethereum/", StringComparison.Ordinal));
        Assert.Equal(13 * 60, supply.SecondsBefore);
        Assert.Equal("13 min 0 s before the measurement point", supply.Note);
        Assert.Equal(24 * 3600, m.Timing.Single(t => t.Source == "reserve custodian-statement").SecondsBefore);
        Assert.Equal(4, m.Timing.Count(t => t.Source.StartsWith("supply ", StringComparison.Ordinal) || t.Source.StartsWith("reserve ", StringComparison.Ordinal)));
        Assert.Equal("no clock of its own", new TimingDifference("x", null, null).Note);
        Assert.Equal("5 s after the measurement point", new TimingDifference("x", Point, -5).Note);
    }

    [Fact]
    public void Monthly_RefusesABreakdownThatDoesNotReconcileWithTheSupplyReadings()
    {
        var statement = Circulating - s_btc;
        var good = Monthly(s_btc, statement);
        // One base unit moved from the treasury line into nowhere: the chain's classified exclusions no longer match.
        var bad = good with { NonRedeemable = [good.NonRedeemable[0] with { Amount = Treasury - 1 }, good.NonRedeemable[1]] };
        var e = Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), bad)));
        Assert.Contains("non-redeemable balances on ethereum", e.Message, StringComparison.Ordinal);

        // A breakdown on a chain the token has no reading of.
        var elsewhere = good with { NonRedeemable = [.. good.NonRedeemable, new("tron", "T…", NonRedeemableKind.Permanently, "frozen", 1)] };
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), elsewhere)));
    }

    [Fact]
    public void Monthly_RefusesAssetLinesThatDoNotSumToTheReservesOrNameAnUnknownSource()
    {
        var statement = Circulating - s_btc;
        var good = Monthly(s_btc, statement);
        var inflated = good with { Assets = [good.Assets[0], good.Assets[1] with { Amount = statement + 1 }] };
        var e = Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), inflated)));
        Assert.Contains("available redemption asset lines sum to", e.Message, StringComparison.Ordinal);
        var stray = good with { Assets = [.. good.Assets, good.Assets[1] with { SourceId = "elsewhere", Amount = 0 }] };
        Assert.Contains("elsewhere", Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), stray))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), good with { Period = "2026-13" })));
    }

    [Fact]
    public void Build_RefusesAnEvaluationWhoseStatusOrTotalsDoNotFollowFromItsEvidence()
    {
        var statement = Circulating - s_btc - 1;
        var honest = Evaluation(s_btc, statement);
        Assert.Equal(TokenStatus.Undercollateralized, honest.Status);
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(honest with { Status = TokenStatus.Covered })));
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(honest with { CirculatingSupply = honest.CirculatingSupply - 2, Status = TokenStatus.Covered })));
        var inflated = honest with { TotalReserves = honest.TotalReserves + 1 };
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(inflated with { Status = TokenEvaluation.StatusOf(inflated.Supply, inflated.Reserves, inflated.CirculatingSupply, inflated.TotalReserves, 0) })));
    }

    [Fact]
    public void History_EndsWithTheReportedEvaluation_AndFailedPointsHaveNoRatio()
    {
        var statement = Circulating - s_btc;
        List<TokenHistoryPoint> history =
        [
            new(At.AddHours(-2), TokenStatus.Covered, Circulating, Circulating),
            new(At.AddHours(-1), TokenStatus.EvidenceFailed, Circulating, 0),
            new(At.AddHours(1), TokenStatus.Covered, Circulating, Circulating), // after the report: left out
        ];
        var report = TokenReport.Build(Input(Evaluation(s_btc, statement), history: history));
        Assert.Equal([At.AddHours(-2), At.AddHours(-1), At], report.History.Select(p => p.At));
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var rows = doc.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("ratio_percent").ValueKind);
        Assert.Equal("100.00", rows[2].GetProperty("ratio_percent").GetString());
        var html = TokenReportHtml.Render(report);
        Assert.Contains("data-field=\"history-gaps\" class=\"bad\">1<", html, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => TokenReport.Build(Input(Evaluation(s_btc, statement), history: [history[0], history[0]])));
    }

    [Fact]
    public void Html_IsSelfContained_ChartsHoldNoText_AndEveryFigureCarriesTheJsonValue()
    {
        var statement = Circulating - s_btc;
        var report = TokenReport.Build(Input(Evaluation(s_btc, statement), Monthly(s_btc, statement), [new(At.AddHours(-1), TokenStatus.Covered, Circulating, Circulating)]));
        var html = TokenReportHtml.Render(report);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(?i)(src|href)=\"https?:", html);
        foreach (Match svg in Svg().Matches(html))
        {
            Assert.DoesNotContain("<text", svg.Value, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"chart-ratio-history\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-composition\"", html, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var root = doc.RootElement;
        Assert.Contains($"data-field=\"circulating-supply\" data-exact=\"{root.GetProperty("circulating_supply").GetString()}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"outstanding\" data-exact=\"{root.GetProperty("monthly").GetProperty("redeemable_tokens").GetProperty("outstanding").GetString()}\"", html, StringComparison.Ordinal);
        // DisplayFormat's rule: 6 significant digits, never rounded up (999.52345678 shows 999.523).
        Assert.Contains(">999.523 WBTCL<", html, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"ratio_below_margin\"", html, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(html), Encoding.UTF8.GetBytes(html).Length);
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline, 1000)]
    private static partial Regex Svg();
}
