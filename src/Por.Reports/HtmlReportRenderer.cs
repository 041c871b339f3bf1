// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Reports.Prices;

namespace Por.Reports;

/// <summary>
/// Renders a solvency statement as one self-contained HTML page: inline CSS and SVG, no script, no external
/// resource (a Content-Security-Policy of <c>default-src 'none'</c> forbids any fetch). Every number is printed by
/// <see cref="ReportFormat"/>, exactly as in report.json, and carries a <c>data-field</c> attribute for checking.
/// </summary>
public static class HtmlReportRenderer
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1280px;color:#111;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{padding:.3rem .5rem;border-bottom:1px solid #eee;text-align:right}
        th:first-child,td:first-child{text-align:left}td.text{text-align:left}.mono{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
        .cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:190px}
        .card .v{font-size:1.3rem;font-weight:600}.flag{background:#fee2e2;border:1px solid #dc2626;padding:.6rem 1rem;border-radius:6px}
        tr.below td{background:#fef2f2}.ok{color:#15803d}.bad{color:#b91c1c}.status-pass{color:#15803d}.status-partial{color:#b45309}
        .status-fail{color:#b91c1c}.status-unknown{color:#6b7280}svg .label,svg .value,svg .axis{font-size:11px;fill:#222}
        .muted{color:#6b7280;font-size:.85rem}.scroll{overflow-x:auto}
        """;

    /// <summary>Renders the page.</summary>
    /// <param name="report">The statement.</param>
    /// <param name="attestation">The attestation summary, or null when none was given.</param>
    /// <param name="audit">The auditor sampling result, or null when none was given.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(SolvencyReport report, AttestationSummary? attestation, Por.Liabilities.Audit.AuditResult? audit = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>Proof of reserves — {E(report.Custodian)} — round {E(report.RoundId)}</title><style>{Style}</style></head><body>\n");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Proof of reserves: {E(report.Custodian)}</h1><p class=\"muted\">Round <span data-field=\"round-id\">{E(report.RoundId)}</span>, snapshot <span data-field=\"snapshot-time\">{UtcTime.Format(report.SnapshotTime)}</span>, {Accounts(report.Round)}, liabilities mode {E(report.Mode)}. Root <span class=\"mono\" data-field=\"root\">{report.Root}</span></p>\n");
        h.Append(CultureInfo.InvariantCulture, $"<p id=\"liabilities-proof\" data-mode=\"{E(report.Mode)}\">{LiabilitiesProof(report.Round)}</p>\n");
        Summary(h, report);
        Assets(h, report);
        h.Append("<h2>Charts</h2><h3>Reserve ratio per asset</h3>").Append(SvgCharts.Ratios(report.Assets));
        h.Append("<h3>Reserve composition (verified reserves, USD)</h3>").Append(SvgCharts.Composition(report.Assets));
        Coverage(h, report.Coverage);
        Quality(h, report.Quality);
        History(h, report.History);
        Rubric(h, report, attestation);
        Attestation(h, attestation);
        AuditSection.Append(h, audit);
        h.Append("<p class=\"muted\">Amounts are exact and printed truncated toward zero: USD to cents, ratios to hundredths of a percent, native amounts to the asset's decimals. Only reserves whose ownership and balance were verified are counted.</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static string Accounts(VerifiedLiabilities round) => round.AccountCount is { } count
        ? string.Create(CultureInfo.InvariantCulture, $"<span data-field=\"account-count\">{count}</span> accounts")
        : string.Create(CultureInfo.InvariantCulture, $"<span data-field=\"batch-count\">{round.BatchCount}</span> batches of at most <span data-field=\"accounts-per-batch\">{round.AccountsPerBatch}</span> accounts (the number of accounts is not public)");

    private static string LiabilitiesProof(VerifiedLiabilities round) => round.IsZeroKnowledge
        ? string.Create(CultureInfo.InvariantCulture, $"Liabilities proven in <strong>zero knowledge</strong> (mode zk): all {round.ItemsChecked} batch STARK proofs verified under the pinned parameter set <span class=\"mono\" data-field=\"parameter-set\">{E(round.ParameterSetId ?? string.Empty)}</span>, chained from the first batch to the last, whose proven totals are the per-asset liabilities below. The round reveals only these totals, the root and the batch count: no balance and no account count.")
        : string.Create(CultureInfo.InvariantCulture, $"Liabilities proven with a <strong>transparent</strong> Merkle sum tree (mode transparent): all {round.ItemsChecked} leaves, every node, every per-asset total and the root recomputed before use.");

    private static void Summary(StringBuilder h, SolvencyReport r)
    {
        var ratio = r.LiabilitiesUsd.IsZero ? "n/a" : ReportFormat.Percent(r.ReservesUsd / r.LiabilitiesUsd) + "%";
        h.Append("<section id=\"summary\"><div class=\"cards\">");
        Card(h, "Verified reserves (USD)", "total-reserves-usd", ReportFormat.Usd(r.ReservesUsd));
        Card(h, "Customer liabilities (USD)", "total-liabilities-usd", ReportFormat.Usd(r.LiabilitiesUsd));
        Card(h, "Excess (USD)", "total-excess-usd", ReportFormat.Usd(r.ReservesUsd - r.LiabilitiesUsd));
        Card(h, "Overall ratio", "total-ratio", ratio);
        Card(h, "Liabilities covered by proofs", "covered-percent", r.Coverage.CoveredShare is { } s ? ReportFormat.Percent(s) + "%" : "n/a");
        h.Append("</div>");
        var flagged = r.Flagged.ToList();
        if (flagged.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\" id=\"flagged\">Below 100%: <strong data-field=\"flagged\">{E(string.Join(", ", flagged.Select(a => a.Symbol)))}</strong>. Verified reserves do not cover customer liabilities in these assets.</p>");
        }
        else
        {
            h.Append("<p class=\"ok\" id=\"flagged\">Every asset with customer liabilities is covered 100% or more by verified reserves.</p>");
        }

        var roundTrips = r.Assets.Where(a => a.RoundTripRows > 0).ToList();
        if (roundTrips.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\" id=\"round-trips\">Possibly borrowed reserves: <strong data-field=\"round-trips\">{E(string.Join(", ", roundTrips.Select(a => $"{a.Symbol} {ReportFormat.Native(a.RoundTripAmount, a.Decimals)} in {a.RoundTripRows} wallet(s)")))}</strong> arrived shortly before the snapshot and left shortly after it. Compare the stable ratio with the snapshot ratio.</p>");
        }

        h.Append("</section>\n");
    }

    private static void Card(StringBuilder h, string title, string field, string value) =>
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><div class=\"muted\">{E(title)}</div><div class=\"v\" data-field=\"{field}\">{E(value)}</div></div>");

    private static void Assets(StringBuilder h, SolvencyReport r)
    {
        h.Append("<h2>Per-asset reserves and liabilities</h2><div class=\"scroll\"><table id=\"assets\"><thead><tr><th>Asset</th><th>Liabilities</th><th>Verified reserves</th><th>Unverified claims</th><th>Ratio</th><th>Stable reserves</th><th>Stable ratio</th><th>Round trips</th><th>Excess / shortfall</th><th>Price (USD)</th><th>Liabilities (USD)</th><th>Reserves (USD)</th><th>Excess (USD)</th></tr></thead><tbody>");
        foreach (var a in r.Assets)
        {
            var ratio = ReportFormat.Percent(a.Ratio);
            h.Append(CultureInfo.InvariantCulture, $"<tr data-asset=\"{E(a.Symbol)}\"{(a.BelowFull ? " class=\"below\"" : string.Empty)}><td>{E(a.Symbol)}{(a.BelowFull ? " <span class=\"bad\">⚑ below 100%</span>" : string.Empty)}</td>");
            Cell(h, "liabilities", ReportFormat.Native(a.Liabilities, a.Decimals));
            Cell(h, "verified_reserves", ReportFormat.Native(a.VerifiedReserves, a.Decimals));
            Cell(h, "unverified_claims", ReportFormat.Native(a.UnverifiedClaims, a.Decimals));
            Cell(h, "ratio_percent", ratio is null ? "n/a" : ratio + "%");
            Cell(h, "stable_reserves", a.StableReserves is { } stable ? ReportFormat.Native(stable, a.Decimals) + (a.StableRows < a.VerifiedRows ? $" ({a.StableRows} of {a.VerifiedRows} rows measured, others 0)" : string.Empty) : "not measured");
            Cell(h, "stable_ratio_percent", a.StableReserves is null ? "not measured" : ReportFormat.Percent(a.StableRatio) is { } stableRatio ? stableRatio + "%" : "n/a");
            Cell(h, "round_trips", a.RoundTripRows == 0 ? "none" : $"{a.RoundTripRows} ({ReportFormat.Native(a.RoundTripAmount, a.Decimals)})");
            Cell(h, "excess", ReportFormat.Native(a.Excess, a.Decimals));
            Cell(h, "price_usd", a.PriceUsd.Format(PriceFileReader.MaxFractionDigits).TrimEnd('0').TrimEnd('.'));
            Cell(h, "liabilities_usd", ReportFormat.Usd(a.LiabilitiesUsd));
            Cell(h, "reserves_usd", ReportFormat.Usd(a.ReservesUsd));
            Cell(h, "excess_usd", ReportFormat.Usd(a.ExcessUsd));
            h.Append("</tr>");
        }

        h.Append("</tbody></table></div>\n");
    }

    private static void Cell(StringBuilder h, string field, string value) => h.Append(CultureInfo.InvariantCulture, $"<td data-field=\"{field}\">{E(value)}</td>");

    private static void Coverage(StringBuilder h, CoverageSummary c)
    {
        h.Append("<h2>Coverage</h2><table id=\"coverage\"><tbody>");
        Row(h, "Liabilities in assets with verified reserves proofs (USD)", "covered_liabilities_usd", ReportFormat.Usd(c.CoveredUsd));
        Row(h, "Liabilities in assets without any verified proof (USD)", "uncovered_liabilities_usd", ReportFormat.Usd(c.UncoveredUsd));
        Row(h, "Assets without verified proofs", "uncovered_assets", c.UncoveredAssets.Count == 0 ? "none" : string.Join(", ", c.UncoveredAssets));
        h.Append("</tbody></table>\n");
    }

    private static void Quality(StringBuilder h, AssetQuality q)
    {
        static string P(ExactNumber? v) => ReportFormat.Percent(v) is { } t ? t + "%" : "n/a";
        h.Append("<h2>Asset quality</h2><table id=\"quality\"><tbody>");
        Row(h, q.PlatformToken is null ? "Platform token (not configured)" : $"Platform token {q.PlatformToken}", "platform_token_percent", P(q.PlatformTokenShare));
        Row(h, "Top-4 concentration", "top4_percent", P(q.Top4Share));
        Row(h, "Top-10 concentration", "top10_percent", P(q.Top10Share));
        Row(h, $"Stablecoins ({string.Join(", ", q.Stablecoins)})", "stablecoin_percent", P(q.StablecoinShare));
        Row(h, "Reserves in assets no customer liability matches (USD)", "unmatched_reserves_usd", ReportFormat.Usd(q.UnmatchedReservesUsd));
        Row(h, "Those assets", "unmatched_assets", q.UnmatchedAssets.Count == 0 ? "none" : string.Join(", ", q.UnmatchedAssets));
        h.Append("</tbody></table>\n");
    }

    private static void Row(StringBuilder h, string label, string field, string value) =>
        h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"text\">{E(label)}</td><td data-field=\"{field}\">{E(value)}</td></tr>");

    private static void History(StringBuilder h, HistoryTrends? history)
    {
        h.Append("<h2>Round history</h2><section id=\"history\">");
        if (history is null)
        {
            h.Append("<p class=\"muted\">No history store was given (use --history or --history-pg).</p></section>\n");
            return;
        }

        var rounds = history.Rounds.Select(r => r.RoundId).ToList();
        var symbols = history.Rounds[^1].LiabilityAssets.ToList();
        var ratioSeries = symbols.Select(s => (s, (IReadOnlyList<ExactNumber?>)history.Rounds.Select(r => r.Assets.FirstOrDefault(a => string.Equals(a.Symbol, s, StringComparison.Ordinal))?.Ratio is { } x ? x * ExactNumber.Create(100, 1) : (ExactNumber?)null).ToList())).ToList();
        h.Append("<h3>Reserve ratio per asset across rounds (%)</h3>").Append(SvgCharts.Lines("chart-history-ratio", "Reserve ratio per asset across rounds", rounds, ratioSeries, "%"));
        var usdSeries = new List<(string, IReadOnlyList<ExactNumber?>)>
        {
            ("reserves", history.Rounds.Select(r => (ExactNumber?)r.ReservesUsd).ToList()),
            ("liabilities", history.Rounds.Select(r => (ExactNumber?)r.LiabilitiesUsd).ToList()),
        };
        h.Append("<h3>Reserves and liabilities across rounds (USD)</h3>").Append(SvgCharts.Lines("chart-history-usd", "Reserves and liabilities across rounds", rounds, usdSeries, " USD"));
        var accountSeries = new List<(string, IReadOnlyList<ExactNumber?>)> { ("accounts", history.Rounds.Select(r => r.AccountCount is { } n ? ExactNumber.Create(n, 1) : (ExactNumber?)null).ToList()) };
        h.Append("<h3>Accounts across rounds</h3>").Append(SvgCharts.Lines("chart-history-accounts", "Accounts across rounds", rounds, accountSeries, string.Empty));
        if (history.Rounds.Any(r => r.AccountCount is null))
        {
            h.Append("<p class=\"muted\">zk rounds keep their number of accounts secret: they have no point in this chart.</p>");
        }

        h.Append("<table id=\"history-rounds\"><thead><tr><th>Round</th><th>Snapshot</th><th>Accounts</th><th>Liabilities (USD)</th><th>Reserves (USD)</th></tr></thead><tbody>");
        foreach (var r in history.Rounds)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr data-round=\"{E(r.RoundId)}\"><td>{E(r.RoundId)}</td><td>{UtcTime.Format(r.SnapshotTime)}</td>");
            Cell(h, "account_count", r.AccountCount is { } n ? n.ToString(CultureInfo.InvariantCulture) : "not public");
            Cell(h, "liabilities_usd", ReportFormat.Usd(r.LiabilitiesUsd));
            Cell(h, "reserves_usd", ReportFormat.Usd(r.ReservesUsd));
            h.Append("</tr>");
        }

        h.Append("</tbody></table><h3>Changes since the previous round</h3><ul id=\"history-changes\">");
        if (history.Changes.Count == 0)
        {
            h.Append("<li class=\"muted\">none flagged</li>");
        }

        foreach (var c in history.Changes)
        {
            h.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{SolvencyReportJson.ChangeName(c.Kind)}\" data-asset=\"{E(c.Asset)}\" class=\"{(c.Kind == HistoryChangeKind.RatioDrop ? "bad" : string.Empty)}\">{E(c.Message)}</li>");
        }

        h.Append("</ul></section>\n");
    }

    private static void Rubric(StringBuilder h, SolvencyReport r, AttestationSummary? attestation)
    {
        var criteria = r.Rubric.Append(AttestationSummary.Criterion(attestation)).ToList();
        h.Append(CultureInfo.InvariantCulture, $"<h2>PoR quality rubric: <span data-field=\"rubric-score\">{criteria.Sum(c => c.Points)}</span> / {criteria.Count * 2}</h2><table id=\"rubric\"><thead><tr><th>Practice</th><th>Status</th><th>Reason</th></tr></thead><tbody>");
        foreach (var c in criteria)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr data-criterion=\"{c.Id}\"><td>{E(c.Title)}</td><td data-field=\"status\" class=\"status-{c.StatusName}\">{c.StatusName}</td><td class=\"text\" data-field=\"reason\">{E(c.Reason)}</td></tr>");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Attestation(StringBuilder h, AttestationSummary? a)
    {
        h.Append("<h2>Auditor attestation</h2>");
        if (a is null)
        {
            h.Append("<p id=\"attestation\" data-status=\"none\">No auditor attestation was supplied.</p>\n");
            return;
        }

        var status = a.Verified ? "verified" : "invalid";
        h.Append(CultureInfo.InvariantCulture, $"<p id=\"attestation\" data-status=\"{status}\">Attested by <strong data-field=\"auditor\">{E(a.Auditor)}</strong> ({E(a.Algorithm)} key <span class=\"mono\">{E(a.PublicKey)}</span>) at {E(a.SignedAt)}: ");
        h.Append(a.Verified
            ? "<span class=\"ok\">the signature verifies over this round's manifest and this report.</span>"
            : $"<span class=\"bad\">the attestation does NOT verify: {E(a.Reason ?? "unknown")}</span>");
        h.Append("</p>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
