// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Text;
using Por.Common;

namespace Por.Reports;

/// <summary>Inline SVG drawings for the HTML report. They hold no text (labels, values and axes are HTML around them,
/// so they wrap instead of being clipped) and scale to their container's width. Coordinates come from exact arithmetic
/// (no floating point), so the drawing matches the printed numbers.</summary>
internal static class SvgCharts
{
    private const int Pad = 6;

    private static readonly string[] s_palette = ["#2563eb", "#16a34a", "#d97706", "#9333ea", "#0891b2", "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#b91c1c", "#737373"];

    public static string Color(int index) => s_palette[index % s_palette.Length];

    /// <summary>A stacked bar of shares (0..1, summing to 1), one slice each, stretched to the container's width.</summary>
    public static string Composition(IReadOnlyList<(string Name, ExactNumber Share, string Color)> slices)
    {
        const int Width = 1000;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"chart-composition\" class=\"chart stack\" role=\"img\" aria-label=\"Reserve composition\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} 28\" preserveAspectRatio=\"none\">");
        var x = ExactNumber.Zero;
        foreach (var (name, share, color) in slices)
        {
            var w = share * ExactNumber.Create(Width, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"slice\" data-asset=\"{Enc(name)}\" data-share=\"{ReportFormat.Percent(share)}\" x=\"{x.Format(2)}\" y=\"0\" width=\"{w.Format(2)}\" height=\"28\" fill=\"{color}\"><title>{Enc(name)} {ReportFormat.Percent(share)}%</title></rect>");
            x += w;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A small line chart of values across rounds (null = gap), on the vertical scale <paramref name="low"/> to
    /// <paramref name="high"/>, with an optional dashed reference line (100% for ratios) and a dot on each round's value.
    /// </summary>
    public static string Sparkline(string? id, string label, int width, int height, int rounds, IReadOnlyList<(string Name, string Color, IReadOnlyList<ExactNumber?> Values)> series, ExactNumber low, ExactNumber high, ExactNumber? reference)
    {
        var span = high - low;
        if (span.IsZero)
        {
            span = ExactNumber.One;
        }

        ExactNumber X(int i) => rounds <= 1
            ? ExactNumber.Create(width, 2)
            : ExactNumber.Create(Pad, 1) + ExactNumber.Create((long)i * (width - (2 * Pad)), rounds - 1);
        ExactNumber Y(ExactNumber v) => ExactNumber.Create(Pad, 1) + ((high - v) / span * ExactNumber.Create(height - (2 * Pad), 1));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg{(id is null ? string.Empty : $" id=\"{id}\"")} class=\"chart spark\" role=\"img\" aria-label=\"{Enc(label)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{height - 1}\" x2=\"{width}\" y2=\"{height - 1}\" stroke=\"#d1d5db\"/>");
        if (reference is { } r && r >= low && r <= high)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"reference\" x1=\"0\" x2=\"{width}\" y1=\"{Y(r).Format(1)}\" y2=\"{Y(r).Format(1)}\" stroke=\"#111\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>");
        }

        foreach (var (name, color, values) in series)
        {
            var points = new List<string>();
            var dots = new StringBuilder();
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is { } v)
                {
                    var p = string.Create(CultureInfo.InvariantCulture, $"{X(i).Format(1)},{Y(v).Format(1)}");
                    points.Add(p);
                    dots.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i).Format(1)}\" cy=\"{Y(v).Format(1)}\" r=\"{(i == values.Count - 1 ? "3.5" : "2")}\" fill=\"{color}\"/>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-series=\"{Enc(name)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"{string.Join(' ', points)}\"/>");
            svg.Append(dots);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
