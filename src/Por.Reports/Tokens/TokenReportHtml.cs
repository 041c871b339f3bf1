// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using Por.Common;
using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>
/// Renders a token report as one self-contained HTML page in the exchange report's style (inline CSS and SVG, no
/// script, no external resource; figures shown by <see cref="DisplayFormat"/>'s rules with the exact por-token-report/1
/// value in <c>data-exact</c> and the tooltip; tables become cards below 720 px). docs/token-por.md, "Reports", lists
/// the sections.
/// </summary>
public static class TokenReportHtml
{
    private const string NotRead = "<span class=\"muted\">not read</span>";

    private const string ExtraStyle = """
        .stack-legend .v{font-variant-numeric:tabular-nums}.alerts li{margin:.35rem 0}.alerts .kind{font-weight:600}
        .calc td:first-child{font-weight:400}.calc tr.total td{font-weight:700;border-top:2px solid #111}
        .panel.ratio{max-width:820px}.calc td:first-child,#timing td.head,.alerts li,.claims li,#supply td.head,#reserves td.head{overflow-wrap:anywhere}
        .calc td:last-child{white-space:nowrap}#failed-evidence li{overflow-wrap:anywhere}#supply .usd,#reserves .usd{overflow-wrap:anywhere}
        """;

    /// <summary>Renders the page.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The HTML text.</returns>
    public static string Render(TokenReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var e = report.Evaluation;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append(CultureInfo.InvariantCulture, $"<title>Token proof of reserves — {E(report.Symbol)} — {UtcTime.Format(e.EvaluatedAt)}</title><style>{HtmlReportRenderer.Style}{ExtraStyle}</style></head><body>\n");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Token proof of reserves: {E(report.Name)} ({E(report.Symbol)})</h1><p class=\"muted\">Token <span data-field=\"token-id\">{E(e.TokenId)}</span>, measured at <span data-field=\"measured-at\">{UtcTime.Format(e.EvaluatedAt)}</span>, {e.Supply.Count} deployment(s), {e.Reserves.Count} reserve source(s); amounts in {E(report.Symbol)} ({e.Decimals} decimals).</p>\n");
        Headline(h, report);
        foreach (var section in Sections(report))
        {
            h.Append(CultureInfo.InvariantCulture, $"<section id=\"sec-{section.Id}\"><h2>{E(section.Title)}</h2>");
            section.Write(h);
            h.Append("</section>\n");
        }

        h.Append("<p class=\"muted\">How figures are shown: token amounts with 6 significant digits (never fewer than their whole digits), thousands separated; percentages to hundredths; every figure truncated toward zero, never rounded up. Hover a figure for its exact value, as in report.json. No ratio is shown when any piece of evidence is stale, unclocked, incomplete or failed.</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static List<ReportSection> Sections(TokenReport r) =>
    [
        new("history", "Backing ratio over time", h => History(h, r)),
        new("supply", "Supply per chain", h => Supply(h, r)),
        new("reserves", "Reserves by evidence class", h => Reserves(h, r)),
        new("alerts", "Alerts", h => Alerts(h, r)),
        new("monthly", r.Monthly is { } m ? $"Monthly report {m.Period} (AICPA 2025 criteria)" : "Monthly report", h => Monthly(h, r)),
    ];

    private static void Headline(StringBuilder h, TokenReport r)
    {
        var e = r.Evaluation;
        var (verdict, ok) = e.Status switch
        {
            TokenStatus.Covered => ("Fully backed: reserves cover the circulating supply with the required margin", true),
            TokenStatus.BelowMargin => ("Backed, but below the required margin", false),
            TokenStatus.Undercollateralized => ("Not fully backed: reserves are below the circulating supply", false),
            _ => ("No ratio: some evidence could not be used", false),
        };
        h.Append(CultureInfo.InvariantCulture, $"<div id=\"summary\" class=\"headline{(ok ? string.Empty : " alert")}\"><p id=\"verdict\" class=\"verdict {(ok ? "ok" : "bad")}\" data-status=\"{TokenCodes.Of(e.Status)}\">{E(verdict)}</p><div class=\"figures\">");
        FigureBox(h, "Reserves / supply", r.Ratio is { } ratio
            ? HtmlReportRenderer.Figure("ratio", ReportFormat.Percent(ratio), ReportFormat.Percent(ratio) + "%", ratio.ToFraction())
            : HtmlReportRenderer.Figure("ratio", "null", "n/a", "no ratio from failed evidence"));
        if (e.HasRatio)
        {
            FigureBox(h, "Circulating supply", Tokens(r, "circulating-supply", e.CirculatingSupply));
            FigureBox(h, "Reserves", Tokens(r, "total-reserves", e.TotalReserves));
            FigureBox(h, e.TotalReserves >= e.CirculatingSupply ? "Excess" : "Shortfall", Tokens(r, "excess", e.TotalReserves - e.CirculatingSupply, e.TotalReserves >= e.CirculatingSupply ? null : "bad"));
        }

        h.Append("</div>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Required margin over 1:1: <span data-field=\"margin\">{FormatBasisPoints(e.MarginBasisPoints)}</span>.</p>");
        var failed = e.FailedEvidence.ToList();
        if (failed.Count > 0)
        {
            h.Append("<ul id=\"failed-evidence\" class=\"shortfalls\">");
            foreach (var f in failed)
            {
                h.Append(CultureInfo.InvariantCulture, $"<li>{E(f)}</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</div>\n");
    }

    private static void FigureBox(StringBuilder h, string label, string valueHtml) =>
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><div class=\"k\">{E(label)}</div><div class=\"v\">{valueHtml}</div></div>");

    private static void History(StringBuilder h, TokenReport r)
    {
        var points = r.History;
        var ratios = points.Select(p => TokenReport.RatioOf(p.Status, p.CirculatingSupply, p.TotalReserves)).ToList();
        var hundred = ExactNumber.Create(100, 1);
        var percents = ratios.Select(x => x is { } v ? v * hundred : (ExactNumber?)null).ToList();
        var known = percents.Where(p => p is not null).Select(p => p!.Value).ToList();
        var low = known.Count == 0 ? ExactNumber.Create(95, 1) : Min(known.Min(), ExactNumber.Create(100, 1));
        var high = known.Count == 0 ? ExactNumber.Create(105, 1) : Max(known.Max(), ExactNumber.Create(100, 1));
        if (high - low < ExactNumber.Create(10, 1))
        {
            // At least 10 points tall, centred on the data.
            var pad = (ExactNumber.Create(10, 1) - (high - low)) / ExactNumber.Create(2, 1);
            low -= pad;
            high += pad;
        }

        var gaps = percents.Count(p => p is null);
        h.Append("<figure class=\"panel ratio\">");
        h.Append(CultureInfo.InvariantCulture, $"<figcaption><span>Reserves as a share of circulating supply, {points.Count} evaluation(s)</span><span class=\"sub\">dashed: 100%</span></figcaption>");
        h.Append(SvgCharts.Sparkline("chart-ratio-history", "Backing ratio over time", 800, 220, points.Count, [("ratio", "#2563eb", percents)], low, high, hundred));
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\">From <span data-field=\"history-from\">{UtcTime.Format(points[0].At)}</span> to <span data-field=\"history-to\">{UtcTime.Format(points[^1].At)}</span>; scale {low.Format(2)}% to {high.Format(2)}%.");
        if (known.Count > 0)
        {
            var lowest = known.Min();
            h.Append(CultureInfo.InvariantCulture, $" Lowest <span data-field=\"history-lowest\" class=\"{(lowest < hundred ? "bad" : "ok")}\">{ReportFormat.Percent(lowest / hundred)}%</span>.");
        }

        if (gaps > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $" <span data-field=\"history-gaps\" class=\"bad\">{gaps}</span> evaluation(s) had no ratio (evidence failed) and are left out of the line.");
        }

        h.Append("</p></figure>");
        h.Append("<details><summary>Every evaluation</summary><table id=\"history-rows\" class=\"cards\"><thead><tr><th>Time</th><th class=\"text\">Status</th><th>Supply</th><th>Reserves</th><th>Ratio</th></tr></thead><tbody>");
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            var has = p.Status != TokenStatus.EvidenceFailed;
            h.Append(CultureInfo.InvariantCulture, $"<tr data-at=\"{UtcTime.Format(p.At)}\"><td class=\"head\">{UtcTime.Format(p.At)}</td><td class=\"text\" data-label=\"Status\">{TokenCodes.Of(p.Status)}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Supply\">{(has ? Tokens(r, "supply", p.CirculatingSupply) : "n/a")}</td><td data-label=\"Reserves\">{(has ? Tokens(r, "reserves", p.TotalReserves) : "n/a")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Ratio\">{(ratios[i] is { } x ? ReportFormat.Percent(x) + "%" : "n/a")}</td></tr>");
        }

        h.Append("</tbody></table></details>");
    }

    private static void Supply(StringBuilder h, TokenReport r)
    {
        var e = r.Evaluation;
        h.Append("<p class=\"muted\">Each deployment's <code>totalSupply()</code> read at one finalized block pinned by its hash. A lock-and-mint representation is backed by an escrow on the canonical chain and is counted once, through the canonical supply.</p>");
        h.Append("<table id=\"supply\" class=\"cards\"><thead><tr><th>Chain</th><th class=\"text\">Contract and role</th><th class=\"text\">Block</th><th>Total supply</th><th>Excluded</th><th>Counted</th><th class=\"text\">Status</th></tr></thead><tbody>");
        foreach (var s in e.Supply)
        {
            var bad = s.Failure != EvidenceFailure.None;
            h.Append(CultureInfo.InvariantCulture, $"<tr data-chain=\"{E(s.Chain)}\"{(bad ? " class=\"below\"" : string.Empty)}><td class=\"head\">{E(s.Chain)}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"text\" data-label=\"Contract\"><span class=\"mono\">{E(s.Contract)}</span><span class=\"usd\" data-field=\"role\">{TokenCodes.Of(s.Role)}</span></td>");
            h.Append(TokenEvaluationJson.IsPinned(s)
                ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"text\" data-label=\"Block\"><span data-field=\"height\">{s.Height.ToString(CultureInfo.InvariantCulture)}</span> at {UtcTime.Format(s.BlockTime)}<span class=\"mono usd\" data-field=\"block-hash\">{E(s.BlockHash)}</span></td>")
                : "<td class=\"text\" data-label=\"Block\"><span data-field=\"height\" class=\"bad\">not read</span></td>");
            var read = TokenEvaluationJson.TotalsRead(s);
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Total supply\">{(read ? Tokens(r, "total-supply", s.TotalSupply) : NotRead)}</td><td data-label=\"Excluded\">{(read ? Tokens(r, "excluded", s.Excluded) : NotRead)}</td><td data-label=\"Counted\">{(bad ? NotRead : Tokens(r, "counted", s.Counted))}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"text\" data-label=\"Status\"><span class=\"{(bad ? "bad" : "ok")}\" data-field=\"failure\">{(bad ? TokenCodes.Of(s.Failure) : "usable")}</span><span class=\"usd\">{E(s.Detail)}</span></td></tr>");
        }

        h.Append("</tbody></table>");
    }

    private static void Reserves(StringBuilder h, TokenReport r)
    {
        var e = r.Evaluation;
        var composition = r.Composition;
        var total = composition.Aggregate(BigInteger.Zero, (s, c) => s + c.Amount);
        if (!total.IsZero)
        {
            var slices = composition.Select((c, i) => (TokenCodes.Of(c.Class), ExactNumber.Create(c.Amount, total), SvgCharts.Color(i))).ToList();
            h.Append(SvgCharts.Composition(slices));
            h.Append("<ul class=\"legend stack-legend\" id=\"composition-legend\">");
            foreach (var ((cls, amount, sources), i) in composition.Select((c, i) => (c, i)))
            {
                h.Append(CultureInfo.InvariantCulture, $"<li data-class=\"{TokenCodes.Of(cls)}\"><span class=\"swatch\" style=\"background:{SvgCharts.Color(i)}\"></span><span>{E(TokenCodes.Title(cls))}: <span class=\"v\">{ReportFormat.Percent(ExactNumber.Create(amount, total))}%</span>, {Tokens(r, "class-amount", amount)} ({sources} source(s))</span></li>");
            }

            h.Append("</ul>");
        }
        else
        {
            h.Append("<p id=\"composition-legend\" class=\"bad\">No usable reserve evidence.</p>");
        }

        h.Append("<table id=\"reserves\" class=\"cards\"><thead><tr><th>Source</th><th class=\"text\">Evidence class</th><th>Amount</th><th class=\"text\">Observed at</th><th class=\"text\">Reference</th><th class=\"text\">Status</th></tr></thead><tbody>");
        foreach (var x in e.Reserves)
        {
            var bad = x.Failure != EvidenceFailure.None;
            h.Append(CultureInfo.InvariantCulture, $"<tr data-source=\"{E(x.SourceId)}\"{(bad ? " class=\"below\"" : string.Empty)}><td class=\"head\">{E(x.SourceId)}</td><td class=\"text\" data-label=\"Class\">{E(TokenCodes.Title(x.Class))}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Amount\">{(bad ? "not counted" : Tokens(r, "amount", x.Amount))}</td><td class=\"text\" data-label=\"Observed at\">{(x.ObservedAt is { } t ? UtcTime.Format(t) : "no clock")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"text\" data-label=\"Reference\"><span class=\"mono\">{E(x.Reference)}</span></td><td class=\"text\" data-label=\"Status\"><span class=\"{(bad ? "bad" : "ok")}\" data-field=\"failure\">{(bad ? TokenCodes.Of(x.Failure) : "usable")}</span><span class=\"usd\">{E(x.Detail)}</span></td></tr>");
        }

        h.Append("</tbody></table>");
    }

    private static void Alerts(StringBuilder h, TokenReport r)
    {
        if (r.Alerts.Count == 0)
        {
            h.Append("<p id=\"alerts\" data-count=\"0\">No alert was raised.</p>");
            return;
        }

        h.Append(CultureInfo.InvariantCulture, $"<ul id=\"alerts\" class=\"alerts\" data-count=\"{r.Alerts.Count}\">");
        foreach (var a in r.Alerts)
        {
            h.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{E(a.Kind)}\"><span class=\"nowrap\">{UtcTime.Format(a.At)}</span> <span class=\"kind\">{E(a.Kind)}</span>: {E(a.Message)}</li>");
        }

        h.Append("</ul>");
    }

    private static void Monthly(StringBuilder h, TokenReport r)
    {
        if (r.Monthly is not { } m)
        {
            h.Append("<p id=\"monthly\" data-period=\"none\" class=\"muted\">This report is not a monthly report (no measurement point, non-redeemable breakdown or redemption assets were given).</p>");
            return;
        }

        h.Append(CultureInfo.InvariantCulture, $"<div id=\"monthly\" data-period=\"{E(m.Period)}\"><p>Measurement point: <span data-field=\"measurement-point\">{UtcTime.Format(m.MeasurementPoint)}</span>. Shaped after the AICPA 2025 Criteria for Stablecoin Reporting: tokens outstanding, redemption assets available, and their comparison at this one point; every piece of evidence's own time is listed below with its difference from it.</p>");
        h.Append("<h3>1. Redeemable tokens outstanding</h3><table id=\"outstanding\" class=\"calc\"><tbody>");
        foreach (var s in m.Minted)
        {
            var added = s.Role != DeploymentRole.LockAndMint;
            h.Append(CultureInfo.InvariantCulture, $"<tr data-chain=\"{E(s.Chain)}\"><td>Minted on {E(s.Chain)} <span class=\"mono\">{E(s.Contract)}</span> ({TokenCodes.Of(s.Role)}{(added ? string.Empty : ", backed by its escrow: not added")})</td><td>{(!TokenEvaluationJson.TotalsRead(s) ? NotRead : (added ? string.Empty : "(") + Tokens(r, "minted", s.TotalSupply) + (added ? string.Empty : ")"))}</td></tr>");
        }

        h.Append(CultureInfo.InvariantCulture, $"<tr><td>Minted supply</td><td>{(m.Comparable ? Tokens(r, "minted-total", m.MintedTotal) : NotRead)}</td></tr>");
        h.Append(CultureInfo.InvariantCulture, $"<tr><td>− temporarily not redeemable (time-locked, restricted, treasury, pre-mint)</td><td>{Tokens(r, "temporarily-non-redeemable", m.TemporarilyNonRedeemable)}</td></tr>");
        h.Append(CultureInfo.InvariantCulture, $"<tr><td>− permanently not redeemable (test, permanently frozen)</td><td>{Tokens(r, "permanently-non-redeemable", m.PermanentlyNonRedeemable)}</td></tr>");
        h.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td>Redeemable tokens outstanding</td><td>{(m.Comparable ? Tokens(r, "outstanding", m.Outstanding) : NotRead)}</td></tr></tbody></table>");
        if (m.NonRedeemable.Count > 0)
        {
            h.Append("<ul id=\"non-redeemable\" class=\"claims\">");
            foreach (var n in m.NonRedeemable)
            {
                h.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{TokenCodes.Of(n.Kind)}\">{E(n.Chain)} <span class=\"mono\">{E(n.Holder)}</span>: {Tokens(r, "non-redeemable", n.Amount)}, {TokenCodes.Of(n.Kind)} ({E(n.Reason)})</li>");
            }

            h.Append("</ul>");
        }

        h.Append("<h3>2. Redemption assets</h3><table id=\"redemption-assets\" class=\"cards\"><thead><tr><th>Type</th><th class=\"text\">Held by</th><th class=\"text\">Account</th><th class=\"text\">Pledged or restricted</th><th>Amount</th><th class=\"text\">As of</th></tr></thead><tbody>");
        foreach (var a in m.Assets)
        {
            var flags = a.Pledged && a.Restricted ? "pledged and restricted" : a.Pledged ? "pledged" : a.Restricted ? "restricted" : "no";
            h.Append(CultureInfo.InvariantCulture, $"<tr data-source=\"{E(a.SourceId)}\"{(a.Available ? string.Empty : " class=\"below\"")}><td class=\"head\">{E(a.AssetType)}</td><td class=\"text\" data-label=\"Held by\">{E(a.Custodian)} ({E(a.Jurisdiction)})</td><td class=\"text\" data-label=\"Account\">{E(a.AccountNature)}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"text\" data-label=\"Pledged or restricted\"><span class=\"{(a.Available ? "ok" : "bad")}\" data-field=\"encumbered\">{flags}</span></td><td data-label=\"Amount\">{Tokens(r, "asset-amount", a.Amount)}</td><td class=\"text\" data-label=\"As of\">{UtcTime.Format(a.AsOf)}</td></tr>");
        }

        h.Append("</tbody></table><table id=\"assets-by-type\" class=\"calc\"><tbody>");
        foreach (var (type, amount, available) in m.ByType)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr data-type=\"{E(type)}\"><td>{E(type)}{(amount == available ? string.Empty : ", of which available")}</td><td>{Tokens(r, "type-amount", amount)}{(amount == available ? string.Empty : " / " + Tokens(r, "type-available", available))}</td></tr>");
        }

        h.Append(CultureInfo.InvariantCulture, $"<tr><td>Redemption assets held</td><td>{Tokens(r, "assets-total", m.AssetsTotal)}</td></tr>");
        h.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td>Available for redemptions (neither pledged nor restricted)</td><td>{Tokens(r, "assets-available", m.AvailableTotal)}</td></tr></tbody></table>");

        h.Append("<h3>3. Comparison</h3>");
        if (m.Comparable)
        {
            var covered = m.Covered == true;
            h.Append(CultureInfo.InvariantCulture, $"<p id=\"comparison\" data-covered=\"{(covered ? "true" : "false")}\" class=\"{(covered ? "ok" : "bad")}\">Available redemption assets {Tokens(r, "comparison-available", m.AvailableTotal)} against {Tokens(r, "comparison-outstanding", m.Outstanding)} redeemable tokens outstanding: ");
            h.Append(m.Ratio is { } ratio ? HtmlReportRenderer.Figure("comparison-ratio", ReportFormat.Percent(ratio), ReportFormat.Percent(ratio) + "%", ratio.ToFraction()) : "n/a");
            h.Append(CultureInfo.InvariantCulture, $", {(covered ? "an excess of " : "a shortfall of ")}{Tokens(r, "comparison-excess", BigInteger.Abs(m.Excess), covered ? null : "bad")}.</p>");
        }
        else
        {
            h.Append("<p id=\"comparison\" data-covered=\"null\" class=\"bad\">No comparison is stated: some evidence at the measurement point could not be used (listed at the top).</p>");
        }

        h.Append("<table id=\"timing\" class=\"cards\"><thead><tr><th>Evidence</th><th class=\"text\">Its own time</th><th class=\"text\">Difference</th></tr></thead><tbody>");
        foreach (var t in m.Timing)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"head\">{E(t.Source)}</td><td class=\"text\" data-label=\"Its own time\">{(t.ObservedAt is { } at ? UtcTime.Format(at) : "none")}</td><td class=\"text\" data-label=\"Difference\">{E(t.Note)}</td></tr>");
        }

        h.Append("</tbody></table></div>");
    }

    private static string Tokens(TokenReport r, string field, BigInteger baseUnits, string? cssClass = null)
    {
        var exact = TokenReportJson.Amount(baseUnits, r.Decimals);
        var shown = DisplayFormat.Amount(ExactNumber.Create(baseUnits, BigInteger.Pow(10, r.Decimals)), r.Decimals) + " " + r.Symbol;
        return HtmlReportRenderer.Figure(field, exact, shown, DisplayFormat.Group(exact) + " " + r.Symbol, cssClass);
    }

    private static string FormatBasisPoints(int basisPoints) =>
        ExactNumber.Create(basisPoints, 100).Format(2) + "% (" + basisPoints.ToString(CultureInfo.InvariantCulture) + " bp)";

    private static ExactNumber Min(ExactNumber a, ExactNumber b) => a < b ? a : b;

    private static ExactNumber Max(ExactNumber a, ExactNumber b) => a > b ? a : b;

    private static string E(string text) => HtmlReportRenderer.E(text);
}
