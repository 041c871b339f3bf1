// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;

namespace Por.Cli.Infrastructure;

/// <summary>The text of progress lines: stage, done / total, percent, rate, elapsed, ETA and detail.</summary>
internal static class ProgressFormat
{
    /// <summary>A running update: <c>proving batches: 3 / 40 (7%) | 0.10/s | elapsed 0:31 | ETA 6:12 | batch 3: FRI</c>.</summary>
    /// <param name="s">The snapshot.</param>
    /// <returns>The line (no newline).</returns>
    public static string Running(StageSnapshot s)
    {
        var text = new StringBuilder(Counts(s));
        if (!s.IsComplete && s.Rate is { } rate)
        {
            text.Append(" | ").Append(Rate(rate)).Append("/s");
        }

        text.Append(" | elapsed ").Append(Duration(s.Elapsed));
        if (!s.IsComplete && s.Eta is { } eta)
        {
            text.Append(" | ETA ").Append(Duration(eta));
        }

        if (!string.IsNullOrEmpty(s.Progress.Detail))
        {
            text.Append(" | ").Append(s.Progress.Detail);
        }

        return text.ToString();
    }

    /// <summary>The permanent line of a stage that is over: <c>proving batches: 40 / 40 (100%) | took 25:03</c>.</summary>
    /// <param name="s">The stage's last snapshot.</param>
    /// <returns>The line (no newline).</returns>
    public static string Finished(StageSnapshot s) =>
        Counts(s) + (s.IsComplete || s.Progress.Total == 0 ? " | took " : " | stopped after ") + Duration(s.Elapsed);

    /// <summary>Fits <paramref name="text"/> into a terminal of <paramref name="width"/> columns without wrapping: at
    /// most width − 1 characters (the last column is left free), cut with an ellipsis, padded with spaces so that it
    /// covers a longer line drawn before.</summary>
    /// <param name="text">The text.</param>
    /// <param name="width">Terminal columns.</param>
    /// <returns>Exactly max(width − 1, 1) characters.</returns>
    public static string Fit(string text, int width)
    {
        var columns = Math.Max(width - 1, 1);
        return text.Length <= columns ? text.PadRight(columns) : string.Concat(text.AsSpan(0, columns - 1), "…");
    }

    /// <summary>m:ss under an hour, h:mm:ss above, "&gt;999h" beyond.</summary>
    /// <param name="t">The duration.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan t)
    {
        if (t < TimeSpan.Zero)
        {
            t = TimeSpan.Zero;
        }

        if (t.TotalHours >= 1000)
        {
            return ">999h";
        }

        var hours = (long)t.TotalHours;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    /// <summary>Units per second with two significant decimals below 10.</summary>
    /// <param name="perSecond">The rate.</param>
    /// <returns>The text.</returns>
    public static string Rate(double perSecond) => perSecond switch
    {
        >= 100 => perSecond.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => perSecond.ToString("F1", CultureInfo.InvariantCulture),
        _ => perSecond.ToString("F2", CultureInfo.InvariantCulture),
    };

    /// <summary>Whole percent done (0..100), or null without a total.</summary>
    /// <param name="done">Units done.</param>
    /// <param name="total">Units in all (0: unknown).</param>
    /// <returns>The percent.</returns>
    public static int? Percent(long done, long total) =>
        total <= 0 ? null : done >= total ? 100 : done <= 0 ? 0 : (int)Math.Min(99, (long)(100 * ((double)done / total)));

    private static string Counts(StageSnapshot s)
    {
        var p = s.Progress;
        if (Percent(p.Done, p.Total) is { } percent)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done:N0} / {p.Total:N0} ({percent}%)");
        }

        return p.Done > 0 ? string.Create(CultureInfo.InvariantCulture, $"{p.Stage}: {p.Done:N0}") : p.Stage;
    }
}
