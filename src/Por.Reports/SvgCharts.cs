// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Text;
using Por.Common;

namespace Por.Reports;

/// <summary>Inline SVG charts for the HTML report. Coordinates come from exact arithmetic (no floating point), so the
/// drawing matches the printed numbers.</summary>
internal static class SvgCharts
{
    private static readonly string[] s_palette = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#b91c1c", "#737373"];

    public static string Color(int index) => s_palette[index % s_palette.Length];

    /// <summary>Horizontal bars of reserve ratio per asset, with a 100% line.</summary>
    public static string Ratios(IReadOnlyList<AssetSolvency> assets)
    {
        var rows = assets.Where(a => a.Ratio is not null).ToList();
        const int Left = 80, Width = 420, RowHeight = 24;
        var max = ExactNumber.Create(3, 2);
        foreach (var r in rows)
        {
            if (r.Ratio!.Value > max)
            {
                max = r.Ratio.Value;
            }
        }

        var cap = ExactNumber.Create(3, 1);
        if (max > cap)
        {
            max = cap;
        }

        var height = (rows.Count * RowHeight) + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"chart-ratio\" class=\"chart\" role=\"img\" aria-label=\"Reserve ratio per asset\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + 90}\" height=\"{height}\" viewBox=\"0 0 {Left + Width + 90} {height}\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var a = rows[i];
            var ratio = a.Ratio!.Value;
            var shown = ratio > max ? max : ratio;
            var w = Scale(shown, max, Width);
            var y = (i * RowHeight) + 6;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\" class=\"label\">{Enc(a.Symbol)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar{(a.BelowFull ? " below" : string.Empty)}\" data-asset=\"{Enc(a.Symbol)}\" data-ratio=\"{ReportFormat.Percent(ratio)}\" x=\"{Left}\" y=\"{y}\" width=\"{w}\" height=\"{RowHeight - 8}\" fill=\"{(a.BelowFull ? "#dc2626" : "#16a34a")}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + Width + 6}\" y=\"{y + 14}\" class=\"value\">{ReportFormat.Percent(ratio)}%</text>");
        }

        var hundred = Scale(ExactNumber.One, max, Width);
        var bottom = (rows.Count * RowHeight) + 6;
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"full\" x1=\"{Left}\" x2=\"{Left}\" y1=\"0\" y2=\"{bottom}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"full\" x1=\"{Add(Left, hundred)}\" x2=\"{Add(Left, hundred)}\" y1=\"0\" y2=\"{bottom}\" stroke=\"#111\" stroke-dasharray=\"4 3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Add(Left, hundred)}\" y=\"{bottom + 16}\" class=\"axis\" text-anchor=\"middle\">100%</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A stacked bar of verified reserves (USD) by asset, with a legend.</summary>
    public static string Composition(IReadOnlyList<AssetSolvency> assets)
    {
        const int Width = 560;
        var held = assets.Where(a => !a.ReservesUsd.IsZero).OrderByDescending(a => a.ReservesUsd).ThenBy(a => a.Symbol, StringComparer.Ordinal).ToList();
        var total = held.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd);
        var legendRows = (held.Count + 3) / 4;
        var height = 50 + (legendRows * 20);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"chart-composition\" class=\"chart\" role=\"img\" aria-label=\"Reserve composition\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">");
        var x = ExactNumber.Zero;
        for (var i = 0; i < held.Count; i++)
        {
            var a = held[i];
            var share = a.ReservesUsd / total;
            var w = share * ExactNumber.Create(Width, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"slice\" data-asset=\"{Enc(a.Symbol)}\" data-share=\"{ReportFormat.Percent(share)}\" x=\"{x.Format(2)}\" y=\"0\" width=\"{w.Format(2)}\" height=\"30\" fill=\"{Color(i)}\"><title>{Enc(a.Symbol)} {ReportFormat.Percent(share)}%</title></rect>");
            x += w;
            var lx = i % 4 * 140;
            var ly = 50 + (i / 4 * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 10}\" width=\"10\" height=\"10\" fill=\"{Color(i)}\"/><text x=\"{lx + 14}\" y=\"{ly}\" class=\"label\">{Enc(a.Symbol)} {ReportFormat.Percent(share)}%</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Lines across rounds: one series per name, values per round (null = gap).</summary>
    public static string Lines(string id, string label, IReadOnlyList<string> rounds, IReadOnlyList<(string Name, IReadOnlyList<ExactNumber?> Values)> series, string unit)
    {
        const int Left = 70, Top = 10, Width = 480, Height = 180;
        var max = ExactNumber.Zero;
        foreach (var v in series.SelectMany(s => s.Values))
        {
            if (v is { } value && value > max)
            {
                max = value;
            }
        }

        if (max.IsZero)
        {
            max = ExactNumber.One;
        }

        var legendRows = (series.Count + 3) / 4;
        var totalHeight = Top + Height + 40 + (legendRows * 18);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{Enc(label)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + 20}\" height=\"{totalHeight}\" viewBox=\"0 0 {Left + Width + 20} {totalHeight}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + Height}\" stroke=\"#444\"/><line x1=\"{Left}\" y1=\"{Top + Height}\" x2=\"{Left + Width}\" y2=\"{Top + Height}\" stroke=\"#444\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 10}\" class=\"axis\" text-anchor=\"end\">{max.Format(0)}{Enc(unit)}</text><text x=\"{Left - 4}\" y=\"{Top + Height}\" class=\"axis\" text-anchor=\"end\">0</text>");
        string X(int i) => rounds.Count == 1 ? (Left + (Width / 2)).ToString(CultureInfo.InvariantCulture) : (ExactNumber.Create(Left, 1) + ExactNumber.Create((long)i * Width, rounds.Count - 1)).Format(1);
        string Y(ExactNumber v) => (ExactNumber.Create(Top + Height, 1) - (v / max * ExactNumber.Create(Height, 1))).Format(1);
        for (var i = 0; i < rounds.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i)}\" y=\"{Top + Height + 14}\" class=\"axis\" text-anchor=\"middle\">{Enc(rounds[i])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var points = new List<string>();
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is { } v)
                {
                    points.Add($"{X(i)},{Y(v)}");
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i)}\" cy=\"{Y(v)}\" r=\"3\" fill=\"{Color(s)}\"><title>{Enc(name)} {Enc(rounds[i])}: {v.Format(2)}{Enc(unit)}</title></circle>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{Enc(name)}\" fill=\"none\" stroke=\"{Color(s)}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>");
            var lx = Left + (s % 4 * 120);
            var ly = Top + Height + 34 + (s / 4 * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 9}\" width=\"10\" height=\"10\" fill=\"{Color(s)}\"/><text x=\"{lx + 14}\" y=\"{ly}\" class=\"label\">{Enc(name)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Scale(ExactNumber value, ExactNumber max, int width) => (value / max * ExactNumber.Create(width, 1)).Format(1);

    private static string Add(int left, string offset) => (ExactNumber.Create(left, 1) + (ExactNumber.TryParseDecimal(offset, 4, out var o) ? o : ExactNumber.Zero)).Format(1);

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
