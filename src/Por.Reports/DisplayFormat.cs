// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using Por.Common;

namespace Por.Reports;

/// <summary>
/// How the report shows numbers to people (the HTML page and the terminal summary): compact USD ("$1.34T"), native
/// amounts cut to a few significant digits, thousands separators. Every rule works on the exact value
/// (<see cref="ExactNumber"/>, integer arithmetic, no floating point) and <b>truncates toward zero</b>, like
/// <see cref="ReportFormat"/>: a shown figure is never larger in magnitude than the exact one, so a reserve is never
/// rounded up to cover a liability and 999.95 billion shows as "$999B", not "$1.00T". The exact figure (the
/// <see cref="ReportFormat"/> string, as in report.json) is always given beside it (the HTML's <c>title</c> and
/// <c>data-exact</c> attributes). docs/report.md, "How numbers are shown", states the rules.
/// </summary>
public static class DisplayFormat
{
    /// <summary>Significant digits of a compact USD figure at or above $1,000.</summary>
    public const int UsdSignificantDigits = 3;

    /// <summary>Significant digits of a native amount (more are shown when the integer part is longer).</summary>
    public const int AmountSignificantDigits = 6;

    private static readonly (BigInteger Scale, string Suffix)[] s_units =
    [
        (BigInteger.Pow(10, 12), "T"),
        (BigInteger.Pow(10, 9), "B"),
        (BigInteger.Pow(10, 6), "M"),
        (BigInteger.Pow(10, 3), "K"),
    ];

    /// <summary>
    /// Compact USD: below $1,000 dollars and cents ("$999.99"); from $1,000 on, the largest of K (10³), M (10⁶),
    /// B (10⁹) and T (10¹²) not above the value, with <see cref="UsdSignificantDigits"/> significant digits
    /// ("$1.34T", "$13.4B", "$135M", "$1.00K"); above $999T the T figure keeps all its integer digits, grouped
    /// ("$1,234T"). Truncated toward zero; a negative value gets a leading "-" ("-$985M").
    /// </summary>
    /// <param name="usd">The exact value.</param>
    /// <returns>The compact text.</returns>
    public static string CompactUsd(ExactNumber usd)
    {
        var magnitude = Abs(usd);
        string body;
        var unit = Array.Find(s_units, u => magnitude >= ExactNumber.Create(u.Scale, 1));
        if (unit.Suffix is null)
        {
            body = Group(magnitude.Format(2));
        }
        else
        {
            var scaled = magnitude / ExactNumber.Create(unit.Scale, 1);
            body = Group(scaled.Format(FractionDigitsFor(scaled, UsdSignificantDigits))) + unit.Suffix;
        }

        return (usd.IsNegative && !IsAllZeros(body) ? "-$" : "$") + body;
    }

    /// <summary>
    /// A native amount for reading: <see cref="AmountSignificantDigits"/> significant digits, but never fewer than
    /// the integer part's digits (8,974,784.33 ETH shows "8,974,784") and never more fraction digits than
    /// <paramref name="decimals"/>; truncated toward zero; trailing zeros after the point dropped ("12.5", not
    /// "12.50000000"); thousands grouped. Zero is "0".
    /// </summary>
    /// <param name="units">The exact amount in whole units.</param>
    /// <param name="decimals">The asset's decimals (the most fraction digits the amount can have).</param>
    /// <returns>The text, without the symbol.</returns>
    public static string Amount(ExactNumber units, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var magnitude = Abs(units);
        var digits = Math.Min(decimals, FractionDigitsFor(magnitude, AmountSignificantDigits));
        var text = magnitude.Format(digits);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return (units.IsNegative && !IsAllZeros(text) ? "-" : string.Empty) + Group(text);
    }

    /// <summary>A USD price with thousands separators and no trailing zeros ("$97,250.5", "$0.0000225").</summary>
    /// <param name="price">The exact price (at most <paramref name="maxFractionDigits"/> fraction digits).</param>
    /// <param name="maxFractionDigits">The price file's fraction digits.</param>
    /// <returns>The text.</returns>
    public static string Price(ExactNumber price, int maxFractionDigits)
    {
        var text = Abs(price).Format(maxFractionDigits);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return "$" + Group(text);
    }

    /// <summary>The difference of two ratios in percentage points, truncated to hundredths ("8.01").</summary>
    /// <param name="from">The earlier ratio (1 = 100%).</param>
    /// <param name="to">The later ratio.</param>
    /// <returns>|from − to| in points.</returns>
    public static string Points(ExactNumber from, ExactNumber to) => ReportFormat.Percent(Abs(from - to));

    /// <summary>Inserts a comma every three digits of the integer part of a plain decimal ("-1234567.5" →
    /// "-1,234,567.5").</summary>
    /// <param name="plain">Digits with an optional leading "-" and an optional fraction.</param>
    /// <returns>The grouped text.</returns>
    public static string Group(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var sign = plain.StartsWith('-') ? "-" : string.Empty;
        var body = plain[sign.Length..];
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? body : body[..point];
        var fraction = point < 0 ? string.Empty : body[point..];
        var grouped = new StringBuilder(integer.Length + (integer.Length / 3));
        for (var i = 0; i < integer.Length; i++)
        {
            if (i > 0 && (integer.Length - i) % 3 == 0)
            {
                grouped.Append(',');
            }

            grouped.Append(integer[i]);
        }

        return sign + grouped + fraction;
    }

    // Fraction digits that leave `significant` significant digits of a non-negative value: for v ≥ 1 the integer
    // part's digit count d gives max(0, significant − d); for 0 < v < 1 the leading zeros after the point are added.
    private static int FractionDigitsFor(ExactNumber magnitude, int significant)
    {
        if (magnitude.IsZero)
        {
            return 0;
        }

        var integer = magnitude.Numerator / magnitude.Denominator;
        if (!integer.IsZero)
        {
            return Math.Max(0, significant - integer.ToString(CultureInfo.InvariantCulture).Length);
        }

        // 0 < v < 1: count the zeros between the point and the first significant digit.
        var zeros = 0;
        var ten = ExactNumber.Create(10, 1);
        var v = magnitude * ten;
        while (v < ExactNumber.One)
        {
            zeros++;
            v *= ten;
        }

        return zeros + significant;
    }

    private static ExactNumber Abs(ExactNumber value) => value.IsNegative ? ExactNumber.Zero - value : value;

    private static bool IsAllZeros(string text) => text.All(c => c is '0' or '.' or ',' or 'K' or 'M' or 'B' or 'T');
}
