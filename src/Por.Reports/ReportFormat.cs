// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports;

/// <summary>How report numbers are printed, shared by JSON, HTML and terminal so they always agree: truncated toward
/// zero (never rounded up), USD to cents, percentages to hundredths, native amounts to the asset's decimals.</summary>
public static class ReportFormat
{
    private static readonly ExactNumber s_hundred = ExactNumber.Create(100, 1);

    /// <summary>USD with 2 decimals.</summary>
    /// <param name="usd">The value.</param>
    /// <returns>e.g. "1234.56".</returns>
    public static string Usd(ExactNumber usd) => usd.Format(2);

    /// <summary>A share or ratio (1 = 100%) as a percentage with 2 decimals.</summary>
    /// <param name="ratio">The ratio.</param>
    /// <returns>e.g. "99.99".</returns>
    public static string Percent(ExactNumber ratio) => (ratio * s_hundred).Format(2);

    /// <summary>A percentage, or null.</summary>
    /// <param name="ratio">The ratio or null.</param>
    /// <returns>The text or null.</returns>
    public static string? Percent(ExactNumber? ratio) => ratio is { } r ? Percent(r) : null;

    /// <summary>A native amount with the asset's decimals.</summary>
    /// <param name="units">Whole units.</param>
    /// <param name="decimals">Decimals.</param>
    /// <returns>e.g. "12.50000000".</returns>
    public static string Native(ExactNumber units, int decimals) => units.Format(decimals);
}
