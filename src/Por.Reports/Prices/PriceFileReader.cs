// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;

namespace Por.Reports.Prices;

/// <summary>
/// Reads a price file (docs/report.md): UTF-8 CSV with the header <c>symbol,usd_price</c>, one asset per line, the
/// price of one whole unit as a plain decimal (at most 18 digits after the point, no sign or exponent). Blank lines
/// and lines starting with '#' are skipped. Errors name the file, line and field.
/// </summary>
public static class PriceFileReader
{
    /// <summary>The exact header line.</summary>
    public const string Header = "symbol,usd_price";

    /// <summary>Most digits allowed after the decimal point.</summary>
    public const int MaxFractionDigits = 18;

    /// <summary>Reads a price file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="InputException">Malformed content.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PriceTable Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            // A lenient decoder would turn invalid bytes into U+FFFD silently; name the line instead.
            var i = 0;
            while (Rune.DecodeFromUtf8(bytes.AsSpan(i), out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                i += consumed;
            }

            throw new InputException(path, bytes.AsSpan(0, i).Count((byte)'\n') + 1, "", "invalid UTF-8");
        }

        return Parse(Encoding.UTF8.GetString(bytes), path);
    }

    /// <summary>Parses price file content.</summary>
    /// <param name="text">The content.</param>
    /// <param name="source">The file name for errors.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="InputException">Malformed content.</exception>
    public static PriceTable Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var prices = new Dictionary<string, ExactNumber>(StringComparer.Ordinal);
        var sawHeader = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNumber = i + 1;
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!sawHeader)
            {
                if (!string.Equals(line, Header, StringComparison.Ordinal))
                {
                    throw new InputException(source, lineNumber, "header", $"expected the header '{Header}'");
                }

                sawHeader = true;
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                throw new InputException(source, lineNumber, "", $"expected 2 fields (symbol,usd_price), found {fields.Length}");
            }

            var symbol = fields[0];
            if (!Asset.IsValidSymbol(symbol))
            {
                throw new InputException(source, lineNumber, "symbol", $"'{symbol}' is not a valid asset symbol");
            }

            if (!ExactNumber.TryParseDecimal(fields[1], MaxFractionDigits, out var price))
            {
                throw new InputException(source, lineNumber, "usd_price", $"'{fields[1]}' is not a plain non-negative decimal with at most {MaxFractionDigits} digits after the point");
            }

            if (!prices.TryAdd(symbol, price))
            {
                throw new InputException(source, lineNumber, "symbol", $"{symbol} is listed twice");
            }
        }

        if (!sawHeader)
        {
            throw new InputException(source, 1, "header", $"empty price file: expected the header '{Header}'");
        }

        return new PriceTable(source, prices);
    }
}
