// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>An asset of a round: its symbol and how many decimal places one whole unit has in base units.</summary>
/// <param name="Symbol">The ticker, 1–32 characters of [A-Za-z0-9._-], case-sensitive.</param>
/// <param name="Decimals">Decimal places of the custodian's ledger for this asset, 0–18.</param>
public readonly record struct Asset(string Symbol, byte Decimals)
{
    /// <summary>The largest number of decimal places accepted.</summary>
    public const int MaxDecimals = 18;

    /// <summary>The longest symbol accepted.</summary>
    public const int MaxSymbolLength = 32;

    /// <summary>Whether <paramref name="symbol"/> is a well-formed asset symbol.</summary>
    /// <param name="symbol">The candidate.</param>
    /// <returns><see langword="true"/> when it has 1–32 characters of [A-Za-z0-9._-].</returns>
    public static bool IsValidSymbol(ReadOnlySpan<char> symbol)
    {
        if (symbol.IsEmpty || symbol.Length > MaxSymbolLength)
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
