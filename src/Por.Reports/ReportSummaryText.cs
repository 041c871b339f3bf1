// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Reports.History;

namespace Por.Reports;

/// <summary>The terminal summary's readable lines, with the same rules as the HTML page
/// (<see cref="DisplayFormat"/>): the headline and the changes since the previous round, summarised.</summary>
public static class ReportSummaryText
{
    /// <summary>
    /// "overall 105.70%: verified reserves $1.34T, customer liabilities $1.27T; below 100%: SOL 0.00%, ETH 96.99%"
    /// (assets below 100% lowest first; "every asset covered 100% or more" when none).
    /// </summary>
    /// <param name="report">The statement.</param>
    /// <returns>One line, without indentation.</returns>
    public static string Headline(SolvencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ratio = report.LiabilitiesUsd.IsZero ? "n/a" : ReportFormat.Percent(report.ReservesUsd / report.LiabilitiesUsd) + "%";
        var flagged = HtmlReportRenderer.ReadingOrder(report.Assets).Where(a => a.BelowFull).ToList();
        var verdict = flagged.Count == 0
            ? "every asset customers hold is covered 100% or more"
            : "below 100%: " + string.Join(", ", flagged.Select(a => $"{a.Symbol} {ReportFormat.Percent(a.Ratio)}%"));
        return $"overall {ratio}: verified reserves {DisplayFormat.CompactUsd(report.ReservesUsd)}, customer liabilities {DisplayFormat.CompactUsd(report.LiabilitiesUsd)}; {verdict}";
    }

    /// <summary>
    /// The changes since the previous round in at most three lines: the counts; the assets that fell below 100%; the
    /// worst falls (at most <paramref name="worst"/>; those ending below 100% first, then the largest). Empty without a
    /// previous round.
    /// </summary>
    /// <param name="history">The trends, or null.</param>
    /// <param name="worst">How many falls to name.</param>
    /// <returns>The lines, without indentation.</returns>
    public static IReadOnlyList<string> Changes(HistoryTrends? history, int worst = 3)
    {
        if (history is null)
        {
            return [];
        }

        var s = HistoryChangeSummary.Of(history);
        if (s.PreviousRound is null)
        {
            return [];
        }

        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"changes since round {s.PreviousRound}: {s.Drops.Count} ratio fall(s), {s.Added.Count} asset(s) added{List(s.Added)}, {s.Removed.Count} removed{List(s.Removed)}"),
        };
        if (s.FellBelowFull.Count > 0)
        {
            lines.Add("fell below 100%: " + string.Join(", ", s.FellBelowFull));
        }

        if (s.Drops.Count > 0)
        {
            lines.Add((s.Drops.Count > worst ? "worst falls: " : "falls: ") + string.Join(", ", s.Drops.Take(worst).Select(d => $"{d.Symbol} {ReportFormat.Percent(d.Before)}% → {ReportFormat.Percent(d.After)}%")));
        }

        return lines;
    }

    private static string List(IReadOnlyList<string> symbols) => symbols.Count == 0 ? string.Empty : $" ({string.Join(", ", symbols)})";
}
