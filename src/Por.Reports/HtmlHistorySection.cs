// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;
using Por.Reports.History;

namespace Por.Reports;

/// <summary>
/// The "Round history" section of the HTML report: small multiples (one panel per asset, each with its own scale
/// that always includes 100%, assets below 100% first) instead of one chart of overlapping lines, a panel of USD totals
/// and one of accounts, the rounds table, and the changes since the previous round summarised (counts, the assets that
/// fell below 100%, the worst falls) with the full list collapsed.
/// </summary>
internal static class HtmlHistorySection
{
    /// <summary>How many of the largest ratio falls are listed before the collapsed full list.</summary>
    public const int WorstShown = 5;

    private const string ReservesColor = "#16a34a";
    private const string LiabilitiesColor = "#1f2937";
    private static readonly ExactNumber s_minimumSpan = ExactNumber.Create(1, 10);

    public static void Write(StringBuilder h, HistoryTrends? history)
    {
        if (history is null)
        {
            h.Append("<p class=\"muted\" id=\"history\">No history store was given (use --history or --history-pg).</p>\n");
            return;
        }

        var rounds = history.Rounds;
        var first = rounds[0];
        var last = rounds[^1];
        h.Append("<div id=\"history\">");
        h.Append(rounds.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">One recorded round so far ({E(last.RoundId)}): the panels show a single point.</p>")
            : string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">{rounds.Count} recorded rounds, from {E(first.RoundId)} ({UtcTime.Format(first.SnapshotTime)}) to {E(last.RoundId)} ({UtcTime.Format(last.SnapshotTime)}). In every panel the first round is on the left and this round on the right.</p>"));
        Totals(h, rounds);
        RatioPanels(h, rounds);
        RoundsTable(h, rounds);
        Changes(h, history);
        h.Append("</div>\n");
    }

    private static void Totals(StringBuilder h, IReadOnlyList<RoundRecord> rounds)
    {
        var reserves = rounds.Select(r => (ExactNumber?)r.ReservesUsd).ToList();
        var liabilities = rounds.Select(r => (ExactNumber?)r.LiabilitiesUsd).ToList();
        var high = Max(reserves.Concat(liabilities));
        h.Append("<div class=\"panels\" id=\"history-totals\"><figure class=\"panel wide\"><figcaption><strong>Reserves and liabilities (USD)</strong></figcaption>");
        h.Append(SvgCharts.Sparkline("chart-history-usd", "Verified reserves and customer liabilities across rounds, USD", 400, 110, rounds.Count, [("reserves", ReservesColor, reserves), ("liabilities", LiabilitiesColor, liabilities)], ExactNumber.Zero, high, null));
        h.Append("<ul class=\"legend\">");
        Legend(h, ReservesColor, "reserves", rounds, r => r.ReservesUsd);
        Legend(h, LiabilitiesColor, "liabilities", rounds, r => r.LiabilitiesUsd);
        h.Append(CultureInfo.InvariantCulture, $"</ul><div class=\"sub\">Scale $0 to {DisplayFormat.CompactUsd(high)}.</div></figure>");

        var accounts = rounds.Select(r => r.AccountCount is { } n ? ExactNumber.Create(n, 1) : (ExactNumber?)null).ToList();
        h.Append("<figure class=\"panel\"><figcaption><strong>Accounts</strong>");
        if (rounds[^1].AccountCount is { } count)
        {
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"num\">{count:N0}</span>");
        }

        h.Append("</figcaption>");
        h.Append(SvgCharts.Sparkline("chart-history-accounts", "Accounts across rounds", 200, 64, rounds.Count, [("accounts", "#2563eb", accounts)], ExactNumber.Zero, Max(accounts), null));
        var firstCount = rounds.FirstOrDefault(r => r.AccountCount is not null);
        if (rounds.Any(r => r.AccountCount is null))
        {
            h.Append("<div class=\"sub\">zk rounds keep their number of accounts secret: they have no point here.</div>");
        }
        else if (rounds.Count > 1 && firstCount?.AccountCount is { } was)
        {
            h.Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">{was:N0} in {E(firstCount.RoundId)}</div>");
        }

        h.Append("</figure></div>");
    }

    private static void Legend(StringBuilder h, string color, string name, IReadOnlyList<RoundRecord> rounds, Func<RoundRecord, ExactNumber> value)
    {
        h.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch\" style=\"background:{color}\"></span>{name} <strong class=\"num\">{DisplayFormat.CompactUsd(value(rounds[^1]))}</strong>");
        if (rounds.Count > 1)
        {
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">(was {DisplayFormat.CompactUsd(value(rounds[0]))} in {E(rounds[0].RoundId)})</span>");
        }

        h.Append("</li>");
    }

    private static void RatioPanels(StringBuilder h, IReadOnlyList<RoundRecord> rounds)
    {
        var current = rounds[^1];
        var previous = rounds.Count > 1 ? rounds[^2] : null;
        var symbols = current.LiabilityAssets.ToList();
        var order = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var ratios = symbols.ToDictionary(s => s, s => (IReadOnlyList<ExactNumber?>)rounds.Select(r => Ratio(r, s)).ToList(), StringComparer.Ordinal);
        var ordered = symbols
            .OrderBy(s => ratios[s][^1] is { } now && now < ExactNumber.One ? 0 : 1)
            .ThenBy(s => ratios[s][^1] is { } now && now < ExactNumber.One ? now : ExactNumber.Zero)
            .ThenBy(s => order[s])
            .ToList();
        h.Append("<h3>Reserve ratio per asset</h3><p class=\"muted\">One panel per asset customers hold this round, assets below 100% first. The dashed line is 100%; each panel has its own vertical scale, which always includes 100%.</p>");
        h.Append("<div id=\"chart-history-ratio\" class=\"panels\">");
        foreach (var symbol in ordered)
        {
            var values = ratios[symbol];
            var now = values[^1]!.Value;
            var below = now < ExactNumber.One;
            var (low, high) = Range(values);
            h.Append(CultureInfo.InvariantCulture, $"<figure class=\"panel{(below ? " below" : string.Empty)}\" data-asset=\"{E(symbol)}\"><figcaption><strong>{E(symbol)}</strong><span class=\"num{(below ? " bad" : string.Empty)}\">{ReportFormat.Percent(now)}%</span></figcaption>");
            h.Append(SvgCharts.Sparkline(null, $"{symbol} reserve ratio across rounds", 200, 64, rounds.Count, [(symbol, below ? "#dc2626" : "#2563eb", values)], low, high, ExactNumber.One));
            var before = previous is null ? null : Ratio(previous, symbol);
            h.Append("<div class=\"sub\">");
            if (before is { } b)
            {
                var change = now < b ? "−" : now > b ? "+" : "±";
                h.Append(CultureInfo.InvariantCulture, $"{change}{DisplayFormat.Points(b, now)} pts since {E(previous!.RoundId)} ({ReportFormat.Percent(b)}%)");
            }
            else
            {
                h.Append(previous is null ? "first recorded round" : "no liabilities in the previous round");
            }

            h.Append("</div></figure>");
        }

        h.Append("</div>");
    }

    // The vertical scale of a ratio panel: the values and 100%, at least 10 points tall, never below 0.
    private static (ExactNumber Low, ExactNumber High) Range(IReadOnlyList<ExactNumber?> values)
    {
        var low = ExactNumber.One;
        var high = ExactNumber.One;
        foreach (var v in values.OfType<ExactNumber>())
        {
            low = v < low ? v : low;
            high = v > high ? v : high;
        }

        if (high - low < s_minimumSpan)
        {
            var half = (s_minimumSpan - (high - low)) / ExactNumber.Create(2, 1);
            low -= half;
            high += half;
            if (low.IsNegative)
            {
                high -= low;
                low = ExactNumber.Zero;
            }
        }

        return (low, high);
    }

    private static void RoundsTable(StringBuilder h, IReadOnlyList<RoundRecord> rounds)
    {
        h.Append("<h3>Recorded rounds</h3><table id=\"history-rounds\" class=\"cards\"><thead><tr><th>Round</th><th>Snapshot</th><th>Accounts</th><th>Liabilities</th><th>Reserves</th><th>Ratio (USD)</th></tr></thead><tbody>");
        foreach (var r in rounds)
        {
            var ratio = r.LiabilitiesUsd.IsZero ? null : (ExactNumber?)(r.ReservesUsd / r.LiabilitiesUsd);
            h.Append(CultureInfo.InvariantCulture, $"<tr data-round=\"{E(r.RoundId)}\"><td class=\"head\" data-label=\"Round\">{E(r.RoundId)}</td><td data-label=\"Snapshot\">{UtcTime.Format(r.SnapshotTime)}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Accounts\">{HtmlReportRenderer.Figure("account_count", r.AccountCount?.ToString(CultureInfo.InvariantCulture) ?? "not public", r.AccountCount is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "not public")}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Liabilities\">{HtmlReportRenderer.Usd("liabilities_usd", r.LiabilitiesUsd)}</td><td data-label=\"Reserves\">{HtmlReportRenderer.Usd("reserves_usd", r.ReservesUsd)}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td data-label=\"Ratio (USD)\">{HtmlReportRenderer.PercentText(ratio)}</td></tr>");
        }

        h.Append("</tbody></table>");
    }

    private static void Changes(StringBuilder h, HistoryTrends history)
    {
        var s = HistoryChangeSummary.Of(history);
        h.Append("<h3>Changes since the previous round</h3><div id=\"changes-summary\">");
        if (s.PreviousRound is null)
        {
            h.Append("<p>This is the first recorded round: there is nothing to compare with.</p>");
        }
        else if (s.Total == 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p data-field=\"change-count\" data-exact=\"0\">No change flagged since round {E(s.PreviousRound)}: no reserve ratio fell and no asset was added or removed.</p>");
        }
        else
        {
            h.Append(CultureInfo.InvariantCulture, $"<p><strong data-field=\"change-count\" data-exact=\"{s.Total}\">{s.Total} change{(s.Total == 1 ? string.Empty : "s")} since round {E(s.PreviousRound)}</strong>: {Count(s.Drops.Count, "reserve ratio fell", "reserve ratios fell")}, {Count(s.Added.Count, "asset added", "assets added")}, {Count(s.Removed.Count, "asset removed", "assets removed")}.</p>");
            if (s.FellBelowFull.Count > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p class=\"flag\" id=\"fell-below-100\">Fell below 100% since round {E(s.PreviousRound)}: <strong>{E(string.Join(", ", s.FellBelowFull))}</strong>.</p>");
            }

            if (s.Drops.Count > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p>{(s.Drops.Count > WorstShown ? $"The {WorstShown} worst falls" : "Falls")} (those ending below 100% first, then the largest), in percentage points:</p><ol id=\"worst-drops\">");
                foreach (var d in s.Drops.Take(WorstShown))
                {
                    var below = d.After < ExactNumber.One;
                    h.Append(CultureInfo.InvariantCulture, $"<li data-asset=\"{E(d.Symbol)}\"{(below ? " class=\"bad\"" : string.Empty)}><strong>{E(d.Symbol)}</strong> {ReportFormat.Percent(d.Before)}% → {ReportFormat.Percent(d.After)}% <span class=\"num\">(−{DisplayFormat.Points(d.Before, d.After)} pts)</span></li>");
                }

                h.Append("</ol>");
            }

            if (s.Added.Count > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p id=\"assets-added\">New customer liabilities this round: {E(string.Join(", ", s.Added))}.</p>");
            }

            if (s.Removed.Count > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<p id=\"assets-removed\">No customer liabilities any more: {E(string.Join(", ", s.Removed))}.</p>");
            }
        }

        h.Append(CultureInfo.InvariantCulture, $"<details id=\"all-changes\"><summary>All {history.Changes.Count} flagged changes</summary><ul id=\"history-changes\">");
        if (history.Changes.Count == 0)
        {
            h.Append("<li class=\"muted\">none flagged</li>");
        }

        foreach (var c in history.Changes)
        {
            h.Append(CultureInfo.InvariantCulture, $"<li data-kind=\"{SolvencyReportJson.ChangeName(c.Kind)}\" data-asset=\"{E(c.Asset)}\">{E(c.Message)}</li>");
        }

        h.Append("</ul></details></div>");
    }

    private static string Count(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");

    private static ExactNumber? Ratio(RoundRecord round, string symbol) =>
        round.Assets.FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal))?.Ratio;

    private static ExactNumber Max(IEnumerable<ExactNumber?> values)
    {
        var max = ExactNumber.Zero;
        foreach (var v in values.OfType<ExactNumber>())
        {
            max = v > max ? v : max;
        }

        return max.IsZero ? ExactNumber.One : max;
    }

    private static string E(string text) => HtmlReportRenderer.E(text);
}
