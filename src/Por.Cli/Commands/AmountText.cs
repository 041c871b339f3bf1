// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reports;

namespace Por.Cli.Commands;

/// <summary>
/// Human-readable amounts for text output: the exact decimal of <see cref="Amount.Format(UInt128, int)"/> with
/// thousands separators and the asset symbol (<c>1,234.5678 BTC</c>). Only the integer part is grouped; no digit is
/// rounded and no floating point is involved. JSON output keeps the canonical strings.
/// </summary>
internal static class AmountText
{
    /// <summary>Base units as a grouped decimal with the symbol.</summary>
    public static string Format(ulong baseUnits, int decimals, string symbol) => Group(Amount.Format(baseUnits, decimals)) + " " + symbol;

    /// <summary>128-bit base units as a grouped decimal with the symbol.</summary>
    public static string Format(UInt128 baseUnits, int decimals, string symbol) => Group(Amount.Format(baseUnits, decimals)) + " " + symbol;

    /// <summary>An exact report amount as a grouped decimal with the symbol.</summary>
    public static string Format(ExactNumber units, int decimals, string symbol) => Group(ReportFormat.Native(units, decimals)) + " " + symbol;

    /// <summary>Inserts a comma every three digits of the integer part of a canonical decimal string
    /// (<c>-1234567.5</c> → <c>-1,234,567.5</c>).</summary>
    public static string Group(string canonical) => DisplayFormat.Group(canonical);
}
