// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.Prices;

namespace Por.Reports;

/// <summary>
/// Renders a solvency statement as one self-contained HTML page: inline CSS and SVG, no script, no external
/// resource (a Content-Security-Policy of <c>default-src 'none'</c> forbids any fetch). Figures are shown for reading
/// (<see cref="DisplayFormat"/>: compact USD, native amounts to a few significant digits, truncated toward zero); each
/// carries a <c>data-field</c> attribute and its exact value, as printed in report.json by <see cref="ReportFormat"/>,
/// in <c>data-exact</c> and in the <c>title</c> tooltip. The layout reflows down to a 390 px phone screen (tables
/// become cards); docs/report.md, "HTML", lists the sections.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>The page style, shared with the token report (Tokens.TokenReportHtml).</summary>
    internal const string Style = """
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1180px;color:#111;padding:1.5rem 1rem 3rem;line-height:1.45}
        h1{font-size:1.6rem;margin:0 0 .2rem;overflow-wrap:anywhere}h2{font-size:1.25rem;margin:2.4rem 0 .8rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
        h3{font-size:1rem;margin:1.4rem 0 .5rem}p{margin:.5rem 0}ul{padding-left:1.2rem}li{margin:.25rem 0}
        .muted{color:#4b5563;font-size:.875rem}.mono{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere}
        .num{font-variant-numeric:tabular-nums}.nowrap{white-space:nowrap}.ok{color:#15803d}.bad{color:#b91c1c}
        .headline{border:2px solid #16a34a;background:#f0fdf4;border-radius:10px;padding:1rem 1.25rem;margin:1rem 0}
        .headline.alert{border-color:#dc2626;background:#fef2f2}.verdict{font-weight:700;font-size:1.1rem;margin:0 0 .4rem}
        .figures{display:flex;flex-wrap:wrap;gap:.4rem 2.5rem;margin:.4rem 0}.figure .k{font-size:.85rem;color:#374151}
        .figure .v{font-size:2rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.2}
        .shortfalls{margin:.6rem 0 0;padding-left:1.2rem}.shortfalls li{color:#7f1d1d}
        .flag{background:#fef2f2;border:1px solid #dc2626;padding:.6rem 1rem;border-radius:6px}
        .bars{max-width:820px}.bar-row{display:flex;align-items:center;gap:.6rem;margin:.15rem 0;padding:.1rem .3rem;border-radius:4px}
        .bar-row.below{background:#fef2f2}.bar-label{width:4.5rem;font-weight:600;overflow-wrap:anywhere}.bar-value{width:4.8rem;text-align:right}
        .below .bar-label,.below .bar-value{color:#b91c1c}
        .track{position:relative;flex:1;height:16px;background:#f3f4f6;border-radius:3px;min-width:0}
        .track .bar{position:absolute;left:0;top:0;bottom:0;background:#16a34a;border-radius:3px 0 0 3px}
        .track .shortfall{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(135deg,#dc2626 0 5px,#f87171 5px 9px)}
        .track .full{position:absolute;top:-4px;bottom:-4px;border-left:2px dashed #111}
        .legend{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;padding:0;margin:.5rem 0;font-size:.875rem}
        .legend li{display:flex;align-items:center;gap:.35rem}.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px}
        svg.chart{display:block;width:100%;height:auto}svg.stack{height:28px}
        .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(165px,1fr));gap:.8rem}
        .panel{margin:0;border:1px solid #e5e7eb;border-radius:8px;padding:.5rem .6rem;min-width:0}.panel.wide{grid-column:span 2}
        .panel.below{border-color:#dc2626;background:#fef2f2}.panel figcaption{display:flex;justify-content:space-between;gap:.4rem;flex-wrap:wrap}
        .panel .sub{font-size:.8rem;color:#4b5563}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.45rem .5rem;border-bottom:1px solid #e5e7eb;text-align:right;vertical-align:top}
        th{font-size:.8rem;color:#374151}th:first-child,td:first-child{text-align:left}td.text,th.text{text-align:left}
        tr.below td{background:#fef2f2}.usd{display:block;color:#4b5563;font-size:.8rem}
        .status-pass{color:#15803d}.status-partial{color:#b45309}.status-fail{color:#b91c1c}.status-unknown{color:#6b7280}
        .claims li{margin:.45rem 0}details summary{cursor:pointer;font-weight:600;margin:.5rem 0}
        @media (max-width:720px){
          body{padding:1rem .75rem 2rem}.figure .v{font-size:1.6rem}.panel.wide{grid-column:1/-1}
          table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr{display:block;width:100%}
          table.cards tr{border:1px solid #d1d5db;border-radius:8px;margin:0 0 .8rem;padding:.2rem .7rem}
          table.cards td{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;padding:.3rem 0;border-bottom:1px solid #f3f4f6;text-align:right}
          table.cards td:last-child{border-bottom:0}
          table.cards td::before{content:attr(data-label);flex:0 0 auto;max-width:45%;text-align:left;font-weight:600;font-size:.8rem;color:#374151}
          table.cards td.head{display:block;font-size:1.1rem;text-align:left}table.cards td.head::before{content:none}
          table.cards td.text{display:block;text-align:left}table.cards td.text::before{display:block;max-width:none;margin-bottom:.15rem}table.cards td.empty{display:none}
        }
        """;

    private static readonly ExactNumber s_hundred = ExactNumber.Create(100, 1);

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
        Headline(h, report);
        foreach (var section in Sections(report, attestation, audit))
        {
            h.Append(CultureInfo.InvariantCulture, $"<section id=\"sec-{section.Id}\"><h2>{E(section.Title)}</h2>");
            section.Write(h);
            h.Append("</section>\n");
        }

        h.Append("<p class=\"muted\">How figures are shown: USD amounts in compact units (K thousand, M million, B billion, T trillion) with 3 significant digits; native amounts with 6 significant digits (never fewer than their whole digits), thousands separated; every figure truncated toward zero, never rounded up. Hover a figure for its exact value, as in report.json. Only reserves whose ownership and balance were verified are counted.</p>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    // The sections after the headline, in page order. A new section is one more entry here.
    private static List<ReportSection> Sections(SolvencyReport report, AttestationSummary? attestation, Por.Liabilities.Audit.AuditResult? audit) =>
    [
        new("per-asset", "Reserves per asset", h => PerAsset(h, report)),
        new("limits", "What this round proves, and what it does not", h => HtmlLimitsSection.Write(h, report, audit)),
        new("assets-table", "Per-asset figures", h => AssetTable(h, report)),
        new("composition", "Reserve composition (verified reserves, USD)", h => Composition(h, report)),
        new("coverage", "Coverage and asset quality", h =>
        {
            Coverage(h, report.Coverage);
            Quality(h, report.Quality);
        }),
        new("history", "Round history", h => HtmlHistorySection.Write(h, report.History)),
        new("audit", AuditSection.Title, h => AuditSection.Append(h, audit)),
        new("rubric", Rubric(report, attestation).Title, h => RubricTable(h, Rubric(report, attestation).Criteria)),
        new("attestation", "Auditor attestation", h => Attestation(h, attestation)),
    ];

    /// <summary>Assets below 100% first (lowest ratio first, then symbol), then the others in the report's order.</summary>
    /// <param name="assets">The report's assets.</param>
    /// <returns>The reading order.</returns>
    internal static List<AssetSolvency> ReadingOrder(IReadOnlyList<AssetSolvency> assets) =>
    [
        .. assets.Where(a => a.BelowFull).OrderBy(a => a.Ratio ?? ExactNumber.Zero).ThenBy(a => a.Symbol, StringComparer.Ordinal),
        .. assets.Where(a => !a.BelowFull),
    ];

    /// <summary>A figure for reading, with its exact value in <c>data-exact</c> and the tooltip.</summary>
    /// <param name="field">The data-field name.</param>
    /// <param name="exact">The exact text (as in report.json).</param>
    /// <param name="shown">The text shown.</param>
    /// <param name="tooltip">The tooltip (defaults to the exact text).</param>
    /// <param name="cssClass">Extra classes.</param>
    /// <returns>The span.</returns>
    internal static string Figure(string field, string exact, string shown, string? tooltip = null, string? cssClass = null) =>
        $"<span class=\"num{(cssClass is null ? string.Empty : " " + cssClass)}\" data-field=\"{field}\" data-exact=\"{E(exact)}\" title=\"{E(tooltip ?? exact)}\">{E(shown)}</span>";

    /// <summary>A USD figure: compact text, exact value in the tooltip.</summary>
    /// <param name="field">The data-field name.</param>
    /// <param name="usd">The exact value.</param>
    /// <param name="cssClass">Extra classes.</param>
    /// <returns>The span.</returns>
    internal static string Usd(string field, ExactNumber usd, string? cssClass = null) =>
        Figure(field, ReportFormat.Usd(usd), DisplayFormat.CompactUsd(usd), ExactUsd(ReportFormat.Usd(usd)), cssClass);

    // "-1234.50" → "-$1,234.50" (the exact figure, for tooltips).
    private static string ExactUsd(string exact) => exact.StartsWith('-') ? "-$" + DisplayFormat.Group(exact[1..]) : "$" + DisplayFormat.Group(exact);

    /// <summary>A ratio as "12.34%" (truncated), or "n/a".</summary>
    /// <param name="ratio">The ratio or null.</param>
    /// <returns>The text.</returns>
    internal static string PercentText(ExactNumber? ratio) => ReportFormat.Percent(ratio) is { } p ? p + "%" : "n/a";

    private static string Accounts(VerifiedLiabilities round) => round.AccountCount is { } count
        ? string.Create(CultureInfo.InvariantCulture, $"<span data-field=\"account-count\">{count:N0}</span> accounts")
        : string.Create(CultureInfo.InvariantCulture, $"<span data-field=\"batch-count\">{round.BatchCount}</span> batches of at most <span data-field=\"accounts-per-batch\">{round.AccountsPerBatch}</span> accounts (the number of accounts is not public)");

    private static void Headline(StringBuilder h, SolvencyReport r)
    {
        var flagged = ReadingOrder(r.Assets).Where(a => a.BelowFull).ToList();
        var withLiabilities = r.Assets.Count(a => a.InLiabilities);
        h.Append(CultureInfo.InvariantCulture, $"<section id=\"summary\" class=\"headline{(flagged.Count > 0 ? " alert" : string.Empty)}\">");
        if (flagged.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"verdict bad\" id=\"flagged\">Not fully covered: {flagged.Count} of {withLiabilities} assets have less in verified reserves than customers hold: <strong data-field=\"flagged\">{E(string.Join(", ", flagged.Select(a => a.Symbol)))}</strong>.</p>");
        }
        else if (withLiabilities == 0)
        {
            h.Append("<p class=\"verdict\" id=\"flagged\">This round has no customer liabilities.</p>");
        }
        else
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"verdict ok\" id=\"flagged\">Fully covered: {(withLiabilities == 1 ? "the one asset customers hold is" : $"each of the {withLiabilities} assets customers hold is")} backed 100% or more by verified reserves.</p>");
        }

        var ratio = r.LiabilitiesUsd.IsZero ? null : (ExactNumber?)(r.ReservesUsd / r.LiabilitiesUsd);
        h.Append("<div class=\"figures\">");
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><div class=\"k\">Overall reserve ratio (USD)</div><div class=\"v\">{Figure("total-ratio", ReportFormat.Percent(ratio) ?? "n/a", PercentText(ratio), ratio is { } x ? "exactly " + x.ToFraction() : null)}</div></div>");
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><div class=\"k\">Verified reserves</div><div class=\"v\">{Usd("total-reserves-usd", r.ReservesUsd)}</div></div>");
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><div class=\"k\">Customer liabilities</div><div class=\"v\">{Usd("total-liabilities-usd", r.LiabilitiesUsd)}</div></div>");
        var excess = r.ReservesUsd - r.LiabilitiesUsd;
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"figure\"><div class=\"k\">{(excess.IsNegative ? "Shortfall" : "Excess")} (all assets, USD)</div><div class=\"v\">{Usd("total-excess-usd", excess, excess.IsNegative ? "bad" : null)}</div></div>");
        h.Append("</div>");
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{Figure("covered-percent", ReportFormat.Percent(r.Coverage.CoveredShare) ?? "n/a", PercentText(r.Coverage.CoveredShare))} of customer liabilities (USD) are in assets with verified reserves proofs. USD totals use this round's price file; an overall ratio above 100% can hide a shortfall in one asset, so each asset is judged on its own below.");
        if (!r.Quality.UnmatchedReservesUsd.IsZero)
        {
            h.Append(CultureInfo.InvariantCulture, $" Verified reserves include {DisplayFormat.CompactUsd(r.Quality.UnmatchedReservesUsd)} in assets no customer holds ({E(string.Join(", ", r.Quality.UnmatchedAssets))}).");
        }

        h.Append("</p>");
        if (flagged.Count > 0)
        {
            h.Append("<ul class=\"shortfalls\" id=\"shortfalls\">");
            foreach (var a in flagged)
            {
                h.Append(CultureInfo.InvariantCulture, $"<li data-asset=\"{E(a.Symbol)}\"><strong>{E(a.Symbol)}: {PercentText(a.Ratio)} covered</strong>, short {E(DisplayFormat.Amount(ExactNumber.Zero - a.Excess, a.Decimals))} {E(a.Symbol)} ({DisplayFormat.CompactUsd(ExactNumber.Zero - a.ExcessUsd)})");
                if (a.VerifiedReserves.IsZero)
                {
                    h.Append(a.FailedRows > 0
                        ? string.Create(CultureInfo.InvariantCulture, $": no verified reserves; {a.FailedRows} claimed wallet(s) failed verification")
                        : ": no reserves proof at all");
                }

                h.Append(".</li>");
            }

            h.Append("</ul>");
        }

        var roundTrips = r.Assets.Where(a => a.RoundTripRows > 0).ToList();
        if (roundTrips.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\" id=\"round-trips\">Possibly borrowed reserves: <strong data-field=\"round-trips\">{E(string.Join(", ", roundTrips.Select(a => $"{a.Symbol} {DisplayFormat.Amount(a.RoundTripAmount, a.Decimals)} in {a.RoundTripRows} wallet(s)")))}</strong> arrived shortly before the snapshot and left shortly after it. Compare the stable ratio with the snapshot ratio below.</p>");
        }

        h.Append("</section>\n");
    }

    private static void PerAsset(StringBuilder h, SolvencyReport r)
    {
        var rows = ReadingOrder(r.Assets).Where(a => a.Ratio is not null).ToList();
        var max = ExactNumber.Create(3, 2);
        foreach (var a in rows.Where(a => a.Ratio!.Value > max))
        {
            max = a.Ratio!.Value;
        }

        var cap = ExactNumber.Create(3, 1);
        if (max > cap)
        {
            max = cap;
        }

        var full = Share(ExactNumber.One, max);
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Verified reserves as a share of what customers hold, in each asset's own units (no prices involved). The dashed line is 100%; red hatching is the part not covered. Assets below 100% come first. Scale 0–{ReportFormat.Percent(max)}%.</p>");
        h.Append("<div id=\"chart-ratio\" class=\"bars\" role=\"img\" aria-label=\"Reserve ratio per asset\">");
        foreach (var a in rows)
        {
            var ratio = a.Ratio!.Value;
            var shown = ratio > max ? max : ratio;
            var width = Share(shown, max);
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"bar-row{(a.BelowFull ? " below" : string.Empty)}\" data-asset=\"{E(a.Symbol)}\"><span class=\"bar-label\">{E(a.Symbol)}</span><span class=\"track\">");
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"bar{(a.BelowFull ? " below" : string.Empty)}\" data-asset=\"{E(a.Symbol)}\" data-ratio=\"{ReportFormat.Percent(ratio)}\" style=\"width:{width}%\"></span>");
            if (a.BelowFull)
            {
                h.Append(CultureInfo.InvariantCulture, $"<span class=\"shortfall\" data-asset=\"{E(a.Symbol)}\" style=\"left:{width}%;width:{Share(ExactNumber.One - ratio, max)}%\" title=\"{E(a.Symbol)} short {E(DisplayFormat.Amount(ExactNumber.Zero - a.Excess, a.Decimals))}\"></span>");
            }

            h.Append(CultureInfo.InvariantCulture, $"<span class=\"full\" style=\"left:{full}%\"></span></span><span class=\"bar-value num\">{(ratio > cap ? "&gt;" : string.Empty)}{ReportFormat.Percent(ratio)}%</span></div>");
        }

        h.Append("</div>");
        var reserveOnly = r.Assets.Where(a => a.Ratio is null && !a.VerifiedReserves.IsZero).ToList();
        if (reserveOnly.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\" id=\"reserve-only\">Held with no customer liabilities (not counted against any asset): {E(string.Join(", ", reserveOnly.Select(a => $"{a.Symbol} {DisplayFormat.Amount(a.VerifiedReserves, a.Decimals)} ({DisplayFormat.CompactUsd(a.ReservesUsd)})")))}.</p>");
        }
    }

    // A value as a percentage of max, for CSS widths: exact, truncated to hundredths.
    private static string Share(ExactNumber value, ExactNumber max) => (value / max * s_hundred).Format(2);

    private static void AssetTable(StringBuilder h, SolvencyReport r)
    {
        h.Append("<p class=\"muted\">Amounts in each asset's own units, with their USD value beneath at this round's prices. The stable ratio uses the lowest balance in a window around the snapshot (borrowed reserves show as a gap between the two ratios).</p>");
        h.Append("<table id=\"assets\" class=\"cards\"><thead><tr><th>Asset (price)</th><th>Ratio</th><th>Customer liabilities</th><th>Verified reserves</th><th>Excess / shortfall</th><th>Stable ratio</th><th class=\"text\">Notes</th></tr></thead><tbody>");
        foreach (var a in ReadingOrder(r.Assets))
        {
            var price = a.PriceUsd.Format(PriceFileReader.MaxFractionDigits).TrimEnd('0').TrimEnd('.');
            h.Append(CultureInfo.InvariantCulture, $"<tr data-asset=\"{E(a.Symbol)}\"{(a.BelowFull ? " class=\"below\"" : string.Empty)}>");
            h.Append(CultureInfo.InvariantCulture, $"<td class=\"head\" data-label=\"Asset\"><strong>{E(a.Symbol)}</strong>{(a.BelowFull ? " <span class=\"bad\">⚑ below 100%</span>" : string.Empty)} <span class=\"usd\">{Figure("price_usd", price, DisplayFormat.Price(a.PriceUsd, PriceFileReader.MaxFractionDigits), "$" + price + " per " + a.Symbol)}</span></td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Ratio\">{Figure("ratio_percent", ReportFormat.Percent(a.Ratio) ?? "n/a", PercentText(a.Ratio), a.Ratio is { } x ? "exactly " + x.ToFraction() : null, a.BelowFull ? "bad" : null)}</td>");
            AmountCell(h, "Customer liabilities", "liabilities", a.Liabilities, a, "liabilities_usd", a.LiabilitiesUsd);
            AmountCell(h, "Verified reserves", "verified_reserves", a.VerifiedReserves, a, "reserves_usd", a.ReservesUsd);
            ExcessCell(h, a);
            var stableRatio = a.StableReserves is null ? "not measured" : PercentText(a.StableRatio);
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Stable ratio\"><div>{Figure("stable_ratio_percent", ReportFormat.Percent(a.StableRatio) ?? (a.StableReserves is null ? "not measured" : "n/a"), stableRatio)}");
            if (a.StableReserves is { } stable)
            {
                h.Append(CultureInfo.InvariantCulture, $"<span class=\"usd\">{Native("stable_reserves", stable, a)}{(a.StableRows < a.VerifiedRows ? string.Create(CultureInfo.InvariantCulture, $" ({a.StableRows} of {a.VerifiedRows} rows measured, others 0)") : string.Empty)}</span>");
            }

            h.Append("</div></td>");
            var notes = new List<string>();
            if (!a.UnverifiedClaims.IsZero)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Unverified claims, not counted: {Native("unverified_claims", a.UnverifiedClaims, a)} ({a.FailedRows} wallet(s) failed)"));
            }

            if (a.RoundTripRows > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"<span class=\"bad\" data-field=\"round_trips\">Round trip in {a.RoundTripRows} wallet(s): {E(DisplayFormat.Amount(a.RoundTripAmount, a.Decimals))}</span>"));
            }

            if (!a.InLiabilities && !a.VerifiedReserves.IsZero)
            {
                notes.Add("No customer holds it: shown apart, not counted against liabilities");
            }

            h.Append(notes.Count == 0
                ? "<td class=\"text empty\" data-label=\"Notes\">—</td></tr>"
                : $"<td class=\"text\" data-label=\"Notes\"><div>{string.Join("<br>", notes)}</div></td></tr>");
        }

        h.Append("</tbody></table>\n");
    }

    // Shortfalls read "short 5,433,294" and "-$985M" in red; an excess "+1,234" and "+$2.1M".
    private static void ExcessCell(StringBuilder h, AssetSolvency a)
    {
        var shortfall = a.Excess.IsNegative;
        var magnitude = shortfall ? ExactNumber.Zero - a.Excess : a.Excess;
        var exact = ReportFormat.Native(a.Excess, a.Decimals);
        var native = Figure("excess", exact, (shortfall ? "short " : a.Excess.IsZero ? string.Empty : "+") + DisplayFormat.Amount(magnitude, a.Decimals), DisplayFormat.Group(exact) + " " + a.Symbol, shortfall ? "bad" : null);
        var usdExact = ReportFormat.Usd(a.ExcessUsd);
        var usd = Figure("excess_usd", usdExact, (shortfall || a.ExcessUsd.IsZero ? string.Empty : "+") + DisplayFormat.CompactUsd(a.ExcessUsd), ExactUsd(usdExact), shortfall ? "bad" : null);
        h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"{(shortfall ? "Shortfall" : "Excess")}\"><div>{native}<span class=\"usd\">{usd}</span></div></td>");
    }

    private static void AmountCell(StringBuilder h, string label, string field, ExactNumber units, AssetSolvency a, string usdField, ExactNumber usd) =>
        h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"{label}\"><div>{Native(field, units, a)}<span class=\"usd\">{Usd(usdField, usd)}</span></div></td>");

    private static string Native(string field, ExactNumber units, AssetSolvency a, string? cssClass = null)
    {
        var exact = ReportFormat.Native(units, a.Decimals);
        return Figure(field, exact, DisplayFormat.Amount(units, a.Decimals), DisplayFormat.Group(exact) + " " + a.Symbol, cssClass);
    }

    private static void Composition(StringBuilder h, SolvencyReport r)
    {
        const int Shown = 8;
        var held = r.Assets.Where(a => !a.ReservesUsd.IsZero).OrderByDescending(a => a.ReservesUsd).ThenBy(a => a.Symbol, StringComparer.Ordinal).ToList();
        if (held.Count == 0)
        {
            h.Append("<p id=\"chart-composition\">No verified reserves.</p>");
            return;
        }

        var total = held.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd);
        var slices = held.Take(held.Count > Shown + 1 ? Shown : held.Count).Select((a, i) => (Name: a.Symbol, Usd: a.ReservesUsd, Color: SvgCharts.Color(i), Count: 1)).ToList();
        if (held.Count > slices.Count)
        {
            var rest = held.Skip(slices.Count).ToList();
            slices.Add(("other", rest.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd), "#9ca3af", rest.Count));
        }

        h.Append(SvgCharts.Composition([.. slices.Select(s => (s.Name, s.Usd / total, s.Color))]));
        h.Append("<ul class=\"legend\" id=\"composition-legend\">");
        foreach (var s in slices)
        {
            var name = s.Count == 1 ? s.Name : string.Create(CultureInfo.InvariantCulture, $"{s.Count} others");
            h.Append(CultureInfo.InvariantCulture, $"<li data-slice=\"{E(s.Name)}\"><span class=\"swatch\" style=\"background:{s.Color}\"></span>{E(name)} <span class=\"num\">{ReportFormat.Percent(s.Usd / total)}%</span> <span class=\"muted\">{DisplayFormat.CompactUsd(s.Usd)}</span></li>");
        }

        h.Append("</ul>");
        if (slices[^1].Count > 1)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Others: {E(string.Join(", ", held.Skip(slices.Count - 1).Select(a => $"{a.Symbol} {ReportFormat.Percent(a.ReservesUsd / total)}%")))}.</p>");
        }
    }

    private static void Coverage(StringBuilder h, CoverageSummary c)
    {
        h.Append("<table id=\"coverage\"><tbody>");
        Row(h, "Liabilities in assets with verified reserves proofs", Usd("covered_liabilities_usd", c.CoveredUsd));
        Row(h, "Liabilities in assets without any verified proof", Usd("uncovered_liabilities_usd", c.UncoveredUsd, c.UncoveredUsd.IsZero ? null : "bad"));
        Row(h, "Assets without verified proofs", Figure("uncovered_assets", string.Join(", ", c.UncoveredAssets), c.UncoveredAssets.Count == 0 ? "none" : string.Join(", ", c.UncoveredAssets)));
        h.Append("</tbody></table>\n");
    }

    private static void Quality(StringBuilder h, AssetQuality q)
    {
        static string P(string field, ExactNumber? v) => Figure(field, ReportFormat.Percent(v) ?? "n/a", PercentText(v));
        h.Append("<h3>Asset quality (shares of verified reserves, USD)</h3><table id=\"quality\"><tbody>");
        Row(h, q.PlatformToken is null ? "Platform token (not configured)" : $"Platform token {q.PlatformToken}", P("platform_token_percent", q.PlatformTokenShare));
        Row(h, "Top-4 concentration", P("top4_percent", q.Top4Share));
        Row(h, "Top-10 concentration", P("top10_percent", q.Top10Share));
        Row(h, $"Stablecoins ({string.Join(", ", q.Stablecoins)})", P("stablecoin_percent", q.StablecoinShare));
        Row(h, "Reserves in assets no customer liability matches", Usd("unmatched_reserves_usd", q.UnmatchedReservesUsd));
        Row(h, "Those assets", Figure("unmatched_assets", string.Join(", ", q.UnmatchedAssets), q.UnmatchedAssets.Count == 0 ? "none" : string.Join(", ", q.UnmatchedAssets)));
        h.Append("</tbody></table>\n");
    }

    private static void Row(StringBuilder h, string label, string valueHtml) =>
        h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"text\">{E(label)}</td><td>{valueHtml}</td></tr>");

    private static (string Title, List<RubricCriterion> Criteria) Rubric(SolvencyReport r, AttestationSummary? attestation)
    {
        var criteria = r.Rubric.Append(AttestationSummary.Criterion(attestation)).ToList();
        return (string.Create(CultureInfo.InvariantCulture, $"PoR quality rubric: {criteria.Sum(c => c.Points)} / {criteria.Count * 2}"), criteria);
    }

    private static void RubricTable(StringBuilder h, List<RubricCriterion> criteria)
    {
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Six practices that make a proof of reserves worth more, 2 points for pass, 1 for partial. Score <span data-field=\"rubric-score\">{criteria.Sum(c => c.Points)}</span> of {criteria.Count * 2}.</p>");
        h.Append("<table id=\"rubric\" class=\"cards\"><thead><tr><th>Practice</th><th>Status</th><th class=\"text\">Reason</th></tr></thead><tbody>");
        foreach (var c in criteria)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr data-criterion=\"{c.Id}\"><td class=\"head\" data-label=\"Practice\">{E(c.Title)}</td><td data-label=\"Status\" data-field=\"status\" class=\"status-{c.StatusName}\">{c.StatusName}</td><td class=\"text\" data-label=\"Reason\" data-field=\"reason\">{E(c.Reason)}</td></tr>");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Attestation(StringBuilder h, AttestationSummary? a)
    {
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

    /// <summary>HTML-escapes text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
