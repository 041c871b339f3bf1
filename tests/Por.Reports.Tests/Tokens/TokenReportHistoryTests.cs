// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Reports.Tokens;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;
using Por.Tokens.Registry;
using MonitorAlert = Por.Tokens.Monitoring.TokenAlert;

namespace Por.Reports.Tests.Tokens;

/// <summary>
/// A token report built from the monitor's history (<see cref="TokenReportHistory"/>): every stored evaluation of the
/// period in the ratio history, the latest one reported, every alert of the period listed; the monthly report stated at
/// the month's reporting time from the month's latest evaluation; failed readings shown as not read.
/// </summary>
public sealed class TokenReportHistoryTests
{
    private const string Contract = "0x1111111111111111111111111111111111111111";

    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Period_WholeHistory_ChartsEveryEvaluation_ReportsTheLatest_AndListsEveryAlert()
    {
        // 7 evaluations ten minutes apart (the fourth failed: a node fault), 5 alerts.
        var evaluations = Enumerable.Range(0, 7).Select(i => Stored(i, reserves: 1_000_000 + (i * 1000), failure: i == 3 ? EvidenceFailure.NodeFault : EvidenceFailure.None)).ToList();
        var alerts = Alerts();
        var report = TokenReport.Build(TokenReportHistory.Period("USDX", "USD X", evaluations, alerts, null, null));

        Assert.Equal(7, report.History.Count);
        Assert.Equal(evaluations[^1].Evaluation, report.Evaluation);
        Assert.Equal(5, report.Alerts.Count);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("history").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("history")[3].GetProperty("ratio_percent").ValueKind);
        Assert.Equal("100.60", root.GetProperty("ratio_percent").GetString());
        Assert.Equal(
            ["ratio_below_margin", "ratio_below_margin", "evidence_failed", "evidence_failed", "unusual_mint"],
            root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal(alerts.Select(a => a.Message), root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("message").GetString()));
        var html = TokenReportHtml.Render(report);
        Assert.Contains("data-count=\"5\"", html, StringComparison.Ordinal);
        Assert.Contains("7 evaluation(s)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_FromTo_KeepsOnlyTheEvaluationsAndAlertsInsideIt()
    {
        var evaluations = Enumerable.Range(0, 7).Select(i => Stored(i, reserves: 1_000_000 + (i * 10))).ToList();
        var from = s_start.AddMinutes(10);
        var to = s_start.AddMinutes(40);
        var report = TokenReport.Build(TokenReportHistory.Period("USDX", "USD X", evaluations, Alerts(), from, to));

        Assert.Equal([.. evaluations.Skip(1).Take(4).Select(e => e.Evaluation.EvaluatedAt)], report.History.Select(p => p.At));
        Assert.Equal(evaluations[4].Evaluation, report.Evaluation);
        Assert.Equal(["ratio_below_margin", "evidence_failed", "evidence_failed"], report.Alerts.Select(a => a.Kind));
        var empty = Assert.Throws<InvalidDataException>(() => TokenReportHistory.Period("USDX", "USD X", evaluations, [], s_start.AddDays(1), null));
        Assert.Contains("no evaluation is stored from 2026-12-01T20:00:00Z", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Month_StatesTheLatestEvaluationOfTheMonth_AtTheReportingTime()
    {
        // November ends with an under-collateralised evaluation at 23:20; December's evaluations (00:10, 01:00) are not the month's.
        var evaluations = Enumerable.Range(0, 7).Select(i => Stored(i * 5, reserves: i == 4 ? 990_000 : 1_000_000 + i)).ToList();
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.Zero), evaluations[3].Evaluation.EvaluatedAt);
        var inNovember = evaluations.Where(e => e.Evaluation.EvaluatedAt.Month == 11).ToList();
        var last = inNovember[^1].Evaluation;
        var report = TokenReport.Build(TokenReportHistory.Month("USDX", "USD X", Definition(), evaluations, Alerts(), "2026-11"));

        Assert.Equal(last, report.Evaluation);
        Assert.Equal(inNovember.Count, report.History.Count);
        var m = Assert.IsType<MonthlyReport>(report.Monthly);
        Assert.Equal("2026-11", m.Period);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), m.MeasurementPoint);
        Assert.Equal(last.CirculatingSupply, m.Outstanding);
        Assert.Equal(last.TotalReserves, m.AvailableTotal);
        Assert.Equal(last.Supply[0].TotalSupply, m.MintedTotal);
        var held = Assert.Single(m.NonRedeemable);
        Assert.Equal((NonRedeemableKind.Temporarily, last.Supply[0].Excluded), (held.Kind, held.Amount));
        Assert.Equal(990_000, last.TotalReserves);
        Assert.False(m.Covered);
        Assert.Equal(-10_000, m.Excess);
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var comparison = doc.RootElement.GetProperty("monthly").GetProperty("comparison");
        Assert.Equal(TokenReportJson.Amount(last.CirculatingSupply, 6), comparison.GetProperty("outstanding").GetString());
        Assert.Equal(TokenReportJson.Amount(last.TotalReserves, 6), comparison.GetProperty("available").GetString());
        Assert.Throws<InvalidDataException>(() => TokenReportHistory.Month("USDX", "USD X", Definition(), evaluations, [], "2026-10"));
        Assert.Throws<ArgumentException>(() => TokenReportHistory.MonthBounds("2026-13"));
    }

    [Fact]
    public void Month_RefusesToSplitExcludedSupplyHeldUnderBothClasses()
    {
        var mixed = Definition() with
        {
            Exclusions = [.. Definition().Exclusions, new SupplyExclusion("home", "0x5555555555555555555555555555555555555555", ExclusionKind.Test, "test tokens")],
        };
        var e = Assert.Throws<InvalidDataException>(() => TokenReportHistory.Month("USDX", "USD X", mixed, [Stored(0, 1_000_000)], [], "2026-11"));
        Assert.Contains("cannot be split", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FailedReading_IsNotRead_InJsonAndHtml_AndNamedBySnakeCaseCode()
    {
        var unpinned = new SupplyReading("home", "0x" + new string('a', 20) + "bbbbbbbbbbbbbbbbbbbb", DeploymentRole.Canonical, 0, string.Empty, DateTimeOffset.UnixEpoch, 0, 0, 0, EvidenceFailure.NodeFault, "node down after 4 attempts");
        List<Por.Tokens.Model.ReserveEvidence> reserves = [new("custody", EvidenceClass.OnChainDeclared, 0, null, "home", EvidenceFailure.NodeFault, "node down")];
        var evaluation = new TokenEvaluation("usdx", 6, s_start, [unpinned], reserves, 0, 0, 0, TokenStatus.EvidenceFailed);
        var report = TokenReport.Build(new TokenReportInput("USDX", "USD X", evaluation, [], [], TokenReportHistory.Monthly(Definition(), evaluation, "2026-11", s_start.AddHours(4))));
        using var doc = JsonDocument.Parse(TokenReportJson.Serialize(report));
        var root = doc.RootElement;
        var supply = root.GetProperty("supply")[0];
        foreach (var field in new[] { "height", "block_hash", "block_time", "total_supply", "excluded", "counted" })
        {
            Assert.Equal(JsonValueKind.Null, supply.GetProperty(field).ValueKind);
        }

        Assert.Equal("node_fault", supply.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reserves")[0].GetProperty("amount").ValueKind);
        Assert.Equal(["supply home/" + unpinned.Contract + ": node_fault", "reserve custody: node_fault"], root.GetProperty("failed_evidence").EnumerateArray().Select(f => f.GetString()));
        var monthly = root.GetProperty("monthly");
        Assert.Equal(JsonValueKind.Null, monthly.GetProperty("redeemable_tokens").GetProperty("minted")[0].GetProperty("minted").ValueKind);
        Assert.Equal(JsonValueKind.Null, monthly.GetProperty("redeemable_tokens").GetProperty("outstanding").ValueKind);
        Assert.Equal(JsonValueKind.Null, monthly.GetProperty("timing_differences")[0].GetProperty("observed_at").ValueKind);
        var text = doc.RootElement.GetRawText();
        Assert.DoesNotContain("1970-01-01", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NodeFault", text, StringComparison.Ordinal);

        var html = TokenReportHtml.Render(report);
        Assert.DoesNotContain("1970-01-01", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NodeFault", html, StringComparison.Ordinal);
        Assert.Contains("<li>supply home/" + unpinned.Contract + ": node_fault</li>", html, StringComparison.Ordinal);
        Assert.Contains("not read", html, StringComparison.Ordinal);
        Assert.Contains("#failed-evidence li{overflow-wrap:anywhere}", html, StringComparison.Ordinal);
    }

    /// <summary>usdx (6 decimals): one canonical deployment with a treasury exclusion, one on-chain custody source.</summary>
    internal static TokenDefinition Definition()
    {
        using var doc = JsonDocument.Parse("""{"id":"custody","kind":"evm_custody","chain":"home","asset":"native","decimals":18}""");
        return new TokenDefinition("usdx", 6, 0,
            [new TokenDeployment("home", "home", Contract, 6, DeploymentRole.Canonical, null)],
            [new SupplyExclusion("home", "0x4444444444444444444444444444444444444444", ExclusionKind.Treasury, "issuer treasury")],
            [new ReserveSource("custody", "evm_custody", doc.RootElement.Clone(), "registry.json", 1, "tokens[0].reserves[0]")]);
    }

    /// <summary>The i-th evaluation, 10 minutes apart from 2026-11-30T20:00Z: 1,000,500 minted, 500 in the treasury.</summary>
    internal static StoredEvaluation Stored(int i, BigInteger reserves, EvidenceFailure failure = EvidenceFailure.None)
    {
        var at = s_start.AddMinutes(10 * i);
        var supply = new SupplyReading("home", Contract, DeploymentRole.Canonical, 100 + i, "0x" + new string('a', 64), at.AddSeconds(-30), 1_000_500, 500, 1_000_000, EvidenceFailure.None, "read");
        List<Por.Tokens.Model.ReserveEvidence> evidence = [new("custody", EvidenceClass.OnChainDeclared, failure == EvidenceFailure.None ? reserves : 0, at.AddSeconds(-30), "home block", failure, "custody")];
        var total = failure == EvidenceFailure.None ? reserves : 0;
        var evaluation = new TokenEvaluation("usdx", 6, at, [supply], evidence, 1_000_000, total, 0, TokenEvaluation.StatusOf([supply], evidence, 1_000_000, total, 0));
        return new StoredEvaluation(new MonitorSlot(ScheduleKind.Seconds, at.ToUnixTimeSeconds()), evaluation, null);
    }

    /// <summary>Five alerts at the first, second, fourth, fifth and seventh evaluation.</summary>
    internal static List<MonitorAlert> Alerts() =>
    [
        new("usdx", "t:1", AlertKind.RatioBelowMargin, AlertState.Raised, "ratio", "reserves 999 < circulating supply 1000 × (1 + 0 bp): undercollateralized", s_start),
        new("usdx", "t:2", AlertKind.RatioBelowMargin, AlertState.Cleared, "ratio", "cleared: ratio (ratio_below_margin)", s_start.AddMinutes(10)),
        new("usdx", "t:4", AlertKind.EvidenceFailed, AlertState.Raised, "reserve custody", "reserve custody (on_chain_declared): node_fault: node down", s_start.AddMinutes(30)),
        new("usdx", "t:5", AlertKind.EvidenceFailed, AlertState.Cleared, "reserve custody", "cleared: reserve custody (evidence_failed)", s_start.AddMinutes(40)),
        new("usdx", "t:7", AlertKind.UnusualMint, AlertState.Event, "home/0x11 0xab#0", "mint of 5000000 base units above 10 × p99", s_start.AddMinutes(60)),
    ];
}
