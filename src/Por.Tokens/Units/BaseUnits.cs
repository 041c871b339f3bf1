// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;

namespace Por.Tokens.Units;

/// <summary>Exact conversions between base units of different decimals; scaling down rounds toward zero (down).</summary>
public static class BaseUnits
{
    /// <summary>The most decimals any amount may have.</summary>
    public const int MaxDecimals = 36;

    /// <summary>Scales a non-negative amount from one number of decimals to another: up exactly, down rounded down.</summary>
    /// <param name="amount">The amount in base units of <paramref name="fromDecimals"/> (≥ 0).</param>
    /// <param name="fromDecimals">Its decimals.</param>
    /// <param name="toDecimals">The target decimals.</param>
    /// <returns>The amount in base units of <paramref name="toDecimals"/>, never more than the exact value.</returns>
    public static BigInteger Scale(BigInteger amount, int fromDecimals, int toDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfNegative(fromDecimals);
        ArgumentOutOfRangeException.ThrowIfNegative(toDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromDecimals, MaxDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toDecimals, MaxDecimals);
        return toDecimals >= fromDecimals
            ? amount * BigInteger.Pow(10, toDecimals - fromDecimals)
            : BigInteger.Divide(amount, BigInteger.Pow(10, fromDecimals - toDecimals));
    }

    /// <summary>
    /// Parses a decimal string with exactly <paramref name="decimals"/> fraction digits (none, and no point, when 0):
    /// digits only, no sign, no leading zero except "0" itself, no exponent.
    /// </summary>
    /// <param name="text">e.g. "1234.50" for 2 decimals.</param>
    /// <param name="decimals">The fraction digits required.</param>
    /// <param name="baseUnits">The value × 10^decimals.</param>
    /// <returns>Whether the text has that exact form.</returns>
    public static bool TryParseFixed(string text, int decimals, out BigInteger baseUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        baseUnits = BigInteger.Zero;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        if (whole.Length == 0 || whole.Length > 80 || !whole.All(char.IsAsciiDigit) || (whole.Length > 1 && whole[0] == '0')
            || fraction.Length != decimals || (point >= 0 && decimals == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        baseUnits = BigInteger.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Formats base units as a fixed decimal string with <paramref name="decimals"/> fraction digits.</summary>
    /// <param name="baseUnits">The amount (≥ 0).</param>
    /// <param name="decimals">The fraction digits.</param>
    /// <returns>e.g. "1234.50".</returns>
    public static string FormatFixed(BigInteger baseUnits, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseUnits);
        var digits = baseUnits.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
    }
}
