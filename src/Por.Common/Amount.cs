// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;

namespace Por.Common;

/// <summary>
/// Exact conversion between decimal strings and integer base units. No floating point: "1.5" of an asset with
/// 8 decimals is 150000000 base units, digit by digit, with checked arithmetic.
/// </summary>
public static class Amount
{
    /// <summary>Converts a decimal string such as "12.345" to base units.</summary>
    /// <param name="text">UTF-8 digits, optionally one '.' followed by digits. Digits past <paramref name="decimals"/> must be zeros.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <param name="baseUnits">The value in base units when the status is <see cref="AmountParseStatus.Ok"/>.</param>
    /// <returns>The outcome.</returns>
    public static AmountParseStatus TryParse(ReadOnlySpan<byte> text, int decimals, out ulong baseUnits)
    {
        baseUnits = 0;
        if (text.IsEmpty)
        {
            return AmountParseStatus.Malformed;
        }

        if (text[0] == (byte)'-')
        {
            return IsDecimalSyntax(text[1..]) ? AmountParseStatus.Negative : AmountParseStatus.Malformed;
        }

        if (!IsDecimalSyntax(text))
        {
            return AmountParseStatus.Malformed;
        }

        var dot = text.IndexOf((byte)'.');
        var integerPart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (fraction.Length > decimals)
        {
            if (fraction[decimals..].IndexOfAnyExcept((byte)'0') >= 0)
            {
                return AmountParseStatus.TooManyDecimals;
            }

            fraction = fraction[..decimals];
        }

        ulong value = 0;
        foreach (var b in integerPart)
        {
            if (!TryAppendDigit(ref value, b))
            {
                return AmountParseStatus.Overflow;
            }
        }

        for (var i = 0; i < decimals; i++)
        {
            var digit = i < fraction.Length ? fraction[i] : (byte)'0';
            if (!TryAppendDigit(ref value, digit))
            {
                return AmountParseStatus.Overflow;
            }
        }

        baseUnits = value;
        return AmountParseStatus.Ok;
    }

    /// <summary>Converts a decimal string to base units (UTF-16 overload).</summary>
    /// <param name="text">The decimal string.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <param name="baseUnits">The value in base units when the status is <see cref="AmountParseStatus.Ok"/>.</param>
    /// <returns>The outcome.</returns>
    public static AmountParseStatus TryParse(string text, int decimals, out ulong baseUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) > 256)
        {
            baseUnits = 0;
            return AmountParseStatus.Malformed;
        }

        Span<byte> utf8 = stackalloc byte[256];
        var n = Encoding.UTF8.GetBytes(text, utf8);
        return TryParse(utf8[..n], decimals, out baseUnits);
    }

    /// <summary>Parses an integer count of base units with no decimal point (for example OKX's integer strings).</summary>
    /// <param name="text">UTF-8 digits.</param>
    /// <param name="baseUnits">The value when the status is <see cref="AmountParseStatus.Ok"/>.</param>
    /// <returns>The outcome.</returns>
    public static AmountParseStatus TryParseBaseUnits(ReadOnlySpan<byte> text, out ulong baseUnits)
    {
        baseUnits = 0;
        if (!text.IsEmpty && text[0] == (byte)'-')
        {
            return text.Length > 1 && text[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                ? AmountParseStatus.Negative
                : AmountParseStatus.Malformed;
        }

        if (text.IsEmpty || text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return AmountParseStatus.Malformed;
        }

        ulong value = 0;
        foreach (var b in text)
        {
            if (!TryAppendDigit(ref value, b))
            {
                return AmountParseStatus.Overflow;
            }
        }

        baseUnits = value;
        return AmountParseStatus.Ok;
    }

    /// <summary>
    /// Formats base units as the canonical decimal string: no leading zeros, and a fraction only when non-zero,
    /// without trailing zeros ("1.5", "0.00000001", "42").
    /// </summary>
    /// <param name="baseUnits">The value in base units.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <returns>The canonical string.</returns>
    public static string Format(ulong baseUnits, int decimals) => Format((UInt128)baseUnits, decimals);

    /// <summary>Formats a 128-bit count of base units canonically (see <see cref="Format(ulong, int)"/>).</summary>
    /// <param name="baseUnits">The value in base units.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <returns>The canonical string.</returns>
    public static string Format(UInt128 baseUnits, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        var digits = baseUnits.ToString(CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            return digits;
        }

        if (digits.Length <= decimals)
        {
            digits = new string('0', decimals - digits.Length + 1) + digits;
        }

        var integerPart = digits[..^decimals];
        var fraction = digits[^decimals..].TrimEnd('0');
        return fraction.Length == 0 ? integerPart : $"{integerPart}.{fraction}";
    }

    /// <summary>Parses a string that must be exactly the canonical form produced by <see cref="Format(ulong, int)"/>.</summary>
    /// <param name="text">The candidate.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <param name="baseUnits">The value when canonical.</param>
    /// <returns>Whether <paramref name="text"/> is canonical and in range.</returns>
    public static bool TryParseCanonical(string text, int decimals, out ulong baseUnits)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, decimals, out baseUnits) == AmountParseStatus.Ok
            && string.Equals(Format(baseUnits, decimals), text, StringComparison.Ordinal);
    }

    /// <summary>A human-readable reason for a failed parse.</summary>
    /// <param name="status">The failed status.</param>
    /// <param name="decimals">The asset's decimal places.</param>
    /// <param name="symbol">The asset symbol.</param>
    /// <returns>The reason.</returns>
    public static string Describe(AmountParseStatus status, int decimals, string symbol) => status switch
    {
        AmountParseStatus.Malformed => "malformed number: expected digits with at most one '.', no sign, exponent or spaces",
        AmountParseStatus.Negative => "negative balance: rejected in this mode",
        AmountParseStatus.TooManyDecimals => $"more decimal places than {symbol} allows ({decimals})",
        AmountParseStatus.Overflow => "amount does not fit 64-bit base units",
        _ => "ok",
    };

    private static bool IsDecimalSyntax(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        if (dot < 0)
        {
            return !text.IsEmpty && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        }

        var integerPart = text[..dot];
        var fraction = text[(dot + 1)..];
        return !integerPart.IsEmpty && !fraction.IsEmpty
            && integerPart.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && fraction.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    private static bool TryAppendDigit(ref ulong value, byte digit)
    {
        var d = (ulong)(digit - '0');
        if (value > (ulong.MaxValue - d) / 10)
        {
            return false;
        }

        value = (value * 10) + d;
        return true;
    }
}
