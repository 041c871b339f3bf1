// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>Reads the two CSV snapshot layouts (long: one row per holding; wide: one row per account).</summary>
internal static class CsvSnapshotReader
{
    private static readonly byte[][] s_longHeader = ["account_id"u8.ToArray(), "asset"u8.ToArray(), "amount"u8.ToArray()];

    public static void Read(Stream stream, string file, SnapshotFormat format, AssetTable assets, ISnapshotSink sink)
    {
        using var lines = new Utf8LineReader(stream, file);
        var csv = new CsvLineSplitter();
        if (!lines.TryReadLine(out var header) || header.IsEmpty)
        {
            throw new InputException(file, 1, "", "empty file: expected a CSV header");
        }

        Check(csv.Split(header), file, 1, "header");
        var isLong = csv.Count == 3 && csv[0].SequenceEqual(s_longHeader[0]) && csv[1].SequenceEqual(s_longHeader[1])
            && csv[2].SequenceEqual(s_longHeader[2]);
        if (format == SnapshotFormat.Auto)
        {
            format = isLong ? SnapshotFormat.CsvLong : SnapshotFormat.CsvWide;
        }

        if (format == SnapshotFormat.CsvLong)
        {
            if (!isLong)
            {
                throw new InputException(file, 1, "header", "wrong header: expected 'account_id,asset,amount'");
            }

            ReadLong(lines, csv, file, assets, sink);
        }
        else
        {
            ReadWide(lines, csv, file, assets, sink);
        }
    }

    private static void ReadLong(Utf8LineReader lines, CsvLineSplitter csv, string file, AssetTable assets, ISnapshotSink sink)
    {
        var holdings = new HoldingAccumulator(assets.Count);
        var currentId = new byte[AccountIds.MaxBytes];
        var currentIdLength = -1;
        long currentLine = 0;
        long accounts = 0;
        Span<char> symbol = stackalloc char[Asset.MaxSymbolLength];
        while (lines.TryReadLine(out var line))
        {
            var n = lines.LineNumber;
            if (line.IsEmpty)
            {
                RejectBlankLine(lines, file, n);
                break;
            }

            Check(csv.Split(line), file, n, "");
            if (csv.Count != 3)
            {
                throw new InputException(file, n, "", $"expected 3 fields (account_id,asset,amount), found {csv.Count}");
            }

            var id = csv[0];
            Check(AccountIds.Validate(id), file, n, "account_id");
            var asset = LookUpAsset(csv[1], assets, symbol, file, n, "asset");
            var decimals = assets[asset].Decimals;
            var status = Amount.TryParse(csv[2], decimals, out var amount);
            if (status != AmountParseStatus.Ok)
            {
                throw new InputException(file, n, "amount", Amount.Describe(status, decimals, assets[asset].Symbol));
            }

            if (currentIdLength < 0 || !id.SequenceEqual(currentId.AsSpan(0, currentIdLength)))
            {
                if (currentIdLength >= 0)
                {
                    sink.Add(currentId.AsSpan(0, currentIdLength), holdings.Sorted(), file, currentLine);
                    accounts++;
                    holdings.Clear();
                }

                id.CopyTo(currentId);
                currentIdLength = id.Length;
                currentLine = n;
            }

            if (!holdings.TryAdd(asset, amount))
            {
                throw new InputException(file, n, "asset", $"asset {assets[asset].Symbol} given twice for this account");
            }
        }

        if (currentIdLength < 0)
        {
            throw new InputException(file, 0, "", "no accounts: the file has a header but no rows");
        }

        sink.Add(currentId.AsSpan(0, currentIdLength), holdings.Sorted(), file, currentLine);
    }

    private static void ReadWide(Utf8LineReader lines, CsvLineSplitter csv, string file, AssetTable assets, ISnapshotSink sink)
    {
        if (csv.Count < 2 || !csv[0].SequenceEqual("account_id"u8))
        {
            throw new InputException(file, 1, "header",
                "wrong header: expected 'account_id,asset,amount' (long layout) or 'account_id,SYM1,SYM2,…' (wide layout)");
        }

        Span<char> symbol = stackalloc char[Asset.MaxSymbolLength];
        var columns = new int[csv.Count - 1];
        var seen = new bool[assets.Count];
        for (var c = 1; c < csv.Count; c++)
        {
            var asset = LookUpAsset(csv[c], assets, symbol, file, 1, "header");
            if (seen[asset])
            {
                throw new InputException(file, 1, "header", $"asset column {assets[asset].Symbol} appears twice");
            }

            seen[asset] = true;
            columns[c - 1] = asset;
        }

        var holdings = new HoldingAccumulator(assets.Count);
        var any = false;
        while (lines.TryReadLine(out var line))
        {
            var n = lines.LineNumber;
            if (line.IsEmpty)
            {
                RejectBlankLine(lines, file, n);
                break;
            }

            Check(csv.Split(line), file, n, "");
            if (csv.Count != columns.Length + 1)
            {
                throw new InputException(file, n, "", $"expected {columns.Length + 1} fields, found {csv.Count}");
            }

            var id = csv[0];
            Check(AccountIds.Validate(id), file, n, "account_id");
            holdings.Clear();
            for (var c = 0; c < columns.Length; c++)
            {
                var cell = csv[c + 1];
                if (cell.IsEmpty)
                {
                    continue;
                }

                var a = assets[columns[c]];
                var status = Amount.TryParse(cell, a.Decimals, out var amount);
                if (status != AmountParseStatus.Ok)
                {
                    throw new InputException(file, n, a.Symbol, Amount.Describe(status, a.Decimals, a.Symbol));
                }

                holdings.TryAdd(columns[c], amount);
            }

            sink.Add(id, holdings.Sorted(), file, n);
            any = true;
        }

        if (!any)
        {
            throw new InputException(file, 0, "", "no accounts: the file has a header but no rows");
        }
    }

    private static int LookUpAsset(ReadOnlySpan<byte> utf8, AssetTable assets, Span<char> scratch, string file, long line, string field)
    {
        if (utf8.Length > scratch.Length || utf8.IsEmpty)
        {
            throw new InputException(file, line, field, $"unknown asset '{Encoding.UTF8.GetString(utf8)}'");
        }

        var chars = Encoding.UTF8.GetChars(utf8, scratch);
        if (!assets.TryGetIndex(scratch[..chars], out var index))
        {
            throw new InputException(file, line, field, $"unknown asset '{scratch[..chars]}': not in the asset list");
        }

        return index;
    }

    private static void RejectBlankLine(Utf8LineReader lines, string file, long blankLine)
    {
        // Only trailing blank lines are tolerated.
        while (lines.TryReadLine(out var rest))
        {
            if (!rest.IsEmpty)
            {
                throw new InputException(file, blankLine, "", "blank line inside the data");
            }
        }
    }

    private static void Check(string? error, string file, long line, string field)
    {
        if (error is not null)
        {
            throw new InputException(file, line, field, error);
        }
    }
}
