// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>
/// Imports OKX proof-of-reserves v2 input: each file a JSON array of <c>{"id": "…", "assets": {"BTC": "1250000", …}}</c>
/// with amounts as integer base-unit strings. "-1" is OKX's marker for an absent asset and counts as no holding; any
/// other negative value is rejected (this mode has no debt). A directory is read recursively in ordinal name order.
/// </summary>
internal static class OkxSnapshotReader
{
    public static void ReadPath(string path, AssetTable assets, ISnapshotSink sink)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0)
            {
                throw new InputException(path, 0, "", "no *.json files in the directory");
            }

            foreach (var f in files)
            {
                ReadFile(f, assets, sink);
            }
        }
        else
        {
            ReadFile(path, assets, sink);
        }
    }

    private static void ReadFile(string file, AssetTable assets, ISnapshotSink sink)
    {
        var bytes = File.ReadAllBytes(file);
        ReadOnlySpan<byte> json = bytes;
        if (json.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new InputException(file, 0, "", "empty file");
        }

        if (!Utf8.IsValid(json))
        {
            // Name the string holding the invalid bytes (line and JSON path) when the JSON around it is well formed.
            try
            {
                StrictJson.CheckText(json, file);
            }
            catch (JsonException)
            {
            }

            throw new InputException(file, LineOf(json, FirstInvalidUtf8(json)), "", "invalid UTF-8");
        }

        var lines = new LineCounter(bytes, bytes.Length - json.Length);
        var reader = new Utf8JsonReader(json);
        var holdings = new HoldingAccumulator(assets.Count);
        var id = new byte[AccountIds.MaxBytes * 6];
        var any = false;

        // The field being read, for the error when a string cannot be decoded (an escaped unpaired surrogate makes
        // System.Text.Json throw InvalidOperationException).
        var field = new System.Runtime.CompilerServices.StrongBox<string>("(property name)");
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InputException(file, 1, "", "expected a JSON array of accounts");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var line = lines.LineAt(reader.TokenStartIndex);
                holdings.Clear();
                var idLength = -1;
                var sawAssets = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    field.Value = "(property name)";
                    if (reader.ValueTextEquals("id"u8) && idLength < 0)
                    {
                        field.Value = "id";
                        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                        {
                            throw new InputException(file, lines.LineAt(reader.TokenStartIndex), "id", "expected a string");
                        }

                        // The escaped text is at least as long as the id, so a longer token cannot fit the buffer.
                        if (reader.ValueSpan.Length > id.Length)
                        {
                            throw new InputException(file, lines.LineAt(reader.TokenStartIndex), "id", $"account id longer than {AccountIds.MaxBytes} bytes");
                        }

                        idLength = reader.CopyString(id);
                        var error = AccountIds.Validate(id.AsSpan(0, idLength));
                        if (error is not null)
                        {
                            throw new InputException(file, lines.LineAt(reader.TokenStartIndex), "id", error);
                        }
                    }
                    else if (reader.ValueTextEquals("assets"u8) && !sawAssets)
                    {
                        sawAssets = true;
                        field.Value = "assets";
                        ReadAssets(ref reader, file, lines, assets, holdings, field);
                    }
                    else
                    {
                        throw new InputException(file, lines.LineAt(reader.TokenStartIndex), reader.GetString() ?? "",
                            "unknown or repeated property: expected 'id' and 'assets' once each");
                    }
                }

                if (idLength < 0 || !sawAssets)
                {
                    throw new InputException(file, line, idLength < 0 ? "id" : "assets", "missing");
                }

                sink.Add(id.AsSpan(0, idLength), holdings.Sorted(), file, line);
                any = true;
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                throw new InputException(file, lines.LineAt(reader.TokenStartIndex), "", "expected an account object or the end of the array");
            }
        }
        catch (JsonException e)
        {
            throw new InputException(file, (e.LineNumber ?? -1) + 1, "", $"malformed JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            throw new InputException(file, lines.LineAt(reader.TokenStartIndex), field.Value ?? "", "invalid UTF-8 text (an escaped unpaired surrogate)");
        }

        if (!any)
        {
            throw new InputException(file, 0, "", "no accounts in the array");
        }
    }

    private static void ReadAssets(ref Utf8JsonReader reader, string file, LineCounter lines, AssetTable assets, HoldingAccumulator holdings, System.Runtime.CompilerServices.StrongBox<string> field)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InputException(file, lines.LineAt(reader.TokenStartIndex), "assets", "expected an object of asset → amount");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            field.Value = "assets.(asset name)";
            var name = reader.GetString() ?? "";
            var line = lines.LineAt(reader.TokenStartIndex);
            if (!assets.TryGetIndex(name, out var asset))
            {
                throw new InputException(file, line, $"assets.{name}", $"unknown asset '{name}': not in the asset list");
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                throw new InputException(file, line, $"assets.{name}", "expected an integer string");
            }

            // "-1" is OKX's marker for an absent asset.
            ulong amount = 0;
            var status = reader.ValueSpan.SequenceEqual("-1"u8)
                ? AmountParseStatus.Ok
                : Amount.TryParseBaseUnits(reader.ValueSpan, out amount);
            if (status != AmountParseStatus.Ok)
            {
                var reason = status == AmountParseStatus.Malformed
                    ? "malformed number: expected an integer count of base units"
                    : Amount.Describe(status, assets[asset].Decimals, name);
                throw new InputException(file, line, $"assets.{name}", reason);
            }

            if (!holdings.TryAdd(asset, amount))
            {
                throw new InputException(file, line, $"assets.{name}", "asset given twice for this account");
            }
        }
    }

    private static long LineOf(ReadOnlySpan<byte> json, int index) => json[..index].Count((byte)'\n') + 1;

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && Rune.DecodeFromUtf8(text[i..], out _, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
        }

        return i;
    }

    /// <summary>Maps byte offsets to line numbers, moving forward only, so a whole file costs one pass.</summary>
    private sealed class LineCounter(byte[] bytes, int start)
    {
        private long _offset;
        private long _line = 1;

        public long LineAt(long offset)
        {
            if (offset > _offset)
            {
                _line += bytes.AsSpan(start + (int)_offset, (int)(offset - _offset)).Count((byte)'\n');
                _offset = offset;
            }

            return _line;
        }
    }
}
