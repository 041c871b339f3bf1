// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>
/// Reads the asset list: CSV with header <c>symbol,decimals</c>, or a JSON array of <c>{"symbol": "BTC", "decimals": 8}</c>.
/// The order of the list fixes each asset's id.
/// </summary>
public static class AssetListReader
{
    /// <summary>Reads an asset list file.</summary>
    /// <param name="path">The file (<c>.json</c> for JSON, anything else CSV).</param>
    /// <returns>The asset table.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the line and field.</exception>
    public static AssetTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        var assets = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path) : ReadCsv(path);
        if (assets.Count == 0)
        {
            throw new InputException(path, 0, "", "empty asset list");
        }

        if (assets.Count > AssetTable.MaxAssets)
        {
            var (_, line) = assets[AssetTable.MaxAssets];
            throw new InputException(path, line, line > 0 ? "symbol" : $"[{AssetTable.MaxAssets}]", $"more than {AssetTable.MaxAssets} assets: the limit is reached here");
        }

        return new AssetTable(assets.Select(a => a.Asset));
    }

    private static List<(Asset Asset, long Line)> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var lines = new Utf8LineReader(stream, path);
        var csv = new CsvLineSplitter();
        if (!lines.TryReadLine(out var header) || header.IsEmpty)
        {
            throw new InputException(path, 1, "", "empty file: expected header 'symbol,decimals'");
        }

        if (csv.Split(header) is not null || csv.Count != 2 || !csv[0].SequenceEqual("symbol"u8) || !csv[1].SequenceEqual("decimals"u8))
        {
            throw new InputException(path, 1, "header", "wrong header: expected 'symbol,decimals'");
        }

        var result = new List<(Asset, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (lines.TryReadLine(out var line))
        {
            var n = lines.LineNumber;
            if (line.IsEmpty)
            {
                continue;
            }

            var error = csv.Split(line);
            if (error is not null || csv.Count != 2)
            {
                throw new InputException(path, n, "", error ?? $"expected 2 fields, found {csv.Count}");
            }

            var symbol = Encoding.UTF8.GetString(csv[0]);
            var decimalsText = Encoding.UTF8.GetString(csv[1]);
            result.Add((Validate(path, n, symbol, decimalsText, seen), n));
        }

        return result;
    }

    private static List<(Asset Asset, long Line)> ReadJson(string path)
    {
        var result = new List<(Asset, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bytes = File.ReadAllBytes(path);

        // A leading UTF-8 BOM is ignored, as in every snapshot input (docs/formats.md §1).
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        // Strict: a string that cannot be decoded (invalid UTF-8 bytes, an escaped unpaired surrogate) is reported with
        // its line and field.
        using (var doc = StrictJson.Parse(bytes, path))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(path, 1, "", "expected a JSON array of {\"symbol\", \"decimals\"} objects");
            }

            var i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                i++;
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("symbol", out var s) || s.ValueKind != JsonValueKind.String
                    || !e.TryGetProperty("decimals", out var d) || d.ValueKind != JsonValueKind.Number || e.EnumerateObject().Count() != 2)
                {
                    throw new InputException(path, 0, $"[{i - 1}]", "expected exactly {\"symbol\": string, \"decimals\": integer}");
                }

                result.Add((Validate(path, 0, s.GetString()!, d.GetRawText(), seen, $"[{i - 1}]."), 0));
            }
        }

        return result;
    }

    private static Asset Validate(string path, long line, string symbol, string decimalsText, HashSet<string> seen, string fieldPrefix = "")
    {
        if (!Asset.IsValidSymbol(symbol))
        {
            throw new InputException(path, line, fieldPrefix + "symbol", $"'{symbol}' is not 1–32 characters of [A-Za-z0-9._-]");
        }

        if (!byte.TryParse(decimalsText, NumberStyles.None, CultureInfo.InvariantCulture, out var decimals) || decimals > Asset.MaxDecimals)
        {
            throw new InputException(path, line, fieldPrefix + "decimals", $"'{decimalsText}' is not an integer from 0 to {Asset.MaxDecimals}");
        }

        if (!seen.Add(symbol))
        {
            throw new InputException(path, line, fieldPrefix + "symbol", $"asset {symbol} is listed twice");
        }

        return new Asset(symbol, decimals);
    }
}
