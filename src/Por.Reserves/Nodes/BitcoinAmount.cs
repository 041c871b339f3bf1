// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Reserves.Nodes;

/// <summary>Exact BTC-decimal to satoshi conversion from JSON number text (never through floating point).</summary>
public static class BitcoinAmount
{
    /// <summary>Parses "12.345" (at most 8 decimals, no exponent, non-negative) into satoshis.</summary>
    /// <param name="text">The raw JSON number text.</param>
    /// <param name="satoshis">The amount.</param>
    /// <returns>False for negative, exponent, more than 8 decimals or overflow.</returns>
    public static bool TryParseSatoshis(string text, out ulong satoshis)
    {
        satoshis = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(p => p.All(char.IsAsciiDigit)) || (parts.Length == 2 && parts[1].Length is 0 or > 8))
        {
            return false;
        }

        var digits = parts[0] + (parts.Length == 2 ? parts[1] : string.Empty).PadRight(8, '0');
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out satoshis);
    }
}
