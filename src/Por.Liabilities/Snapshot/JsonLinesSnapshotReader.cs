// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>Reads JSON Lines snapshots: one <c>{"id": "…", "balances": {"SYM": "1.5", …}}</c> object per line.</summary>
internal static class JsonLinesSnapshotReader
{
    public static void Read(Stream stream, string file, AssetTable assets, ISnapshotSink sink)
    {
        using var lines = new Utf8LineReader(stream, file, (line, n) => FieldWithInvalidText(line, file, n));
        var holdings = new HoldingAccumulator(assets.Count);
        var idBuffer = new byte[AccountIds.MaxBytes * 6];
        var any = false;
        long blankLine = 0;
        while (lines.TryReadLine(out var line))
        {
            var n = lines.LineNumber;
            if (line.IsEmpty)
            {
                blankLine = blankLine == 0 ? n : blankLine;
                continue;
            }

            if (blankLine != 0)
            {
                throw new InputException(file, blankLine, "", "blank line inside the data");
            }

            holdings.Clear();
            var idLength = ParseLine(line, file, n, assets, holdings, idBuffer);
            sink.Add(idBuffer.AsSpan(0, idLength), holdings.Sorted(), file, n);
            any = true;
        }

        if (!any)
        {
            throw new InputException(file, 0, "", "empty file: no accounts");
        }
    }

    /// <summary>The JSON path of the string holding invalid UTF-8 in <paramref name="line"/>, or null when the line is not JSON.</summary>
    private static string? FieldWithInvalidText(ReadOnlySpan<byte> line, string file, long n)
    {
        try
        {
            StrictJson.CheckText(line, file, n);
        }
        catch (InputException e)
        {
            return e.Field;
        }
        catch (JsonException)
        {
            // The invalid bytes are outside any string: the line alone locates them.
        }

        return null;
    }

    private static int ParseLine(ReadOnlySpan<byte> line, string file, long n, AssetTable assets, HoldingAccumulator holdings, byte[] idBuffer)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var idLength = -1;
        var sawBalances = false;

        // The field being read, for the error when a string cannot be decoded (an escaped unpaired surrogate makes
        // System.Text.Json throw InvalidOperationException).
        var field = "(property name)";
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, file, n, "", "expected a JSON object");
            while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
            {
                field = "(property name)";
                if (reader.ValueTextEquals("id"u8))
                {
                    if (idLength >= 0)
                    {
                        throw new InputException(file, n, "id", "property given twice");
                    }

                    field = "id";
                    Expect(ref reader, JsonTokenType.String, file, n, "id", "expected a string");

                    // The escaped text is at least as long as the id (each byte of the id takes 1 to 6 characters), so
                    // a longer token cannot fit the buffer: report the limit instead of overflowing it.
                    if (reader.ValueSpan.Length > idBuffer.Length)
                    {
                        throw new InputException(file, n, "id", $"account id longer than {AccountIds.MaxBytes} bytes");
                    }

                    idLength = reader.CopyString(idBuffer);
                    var error = AccountIds.Validate(idBuffer.AsSpan(0, idLength));
                    if (error is not null)
                    {
                        throw new InputException(file, n, "id", error);
                    }
                }
                else if (reader.ValueTextEquals("balances"u8))
                {
                    if (sawBalances)
                    {
                        throw new InputException(file, n, "balances", "property given twice");
                    }

                    sawBalances = true;
                    field = "balances";
                    ReadBalances(ref reader, file, n, assets, holdings, ref field);
                }
                else
                {
                    throw new InputException(file, n, reader.GetString() ?? "", "unknown property: expected only 'id' and 'balances'");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new InputException(file, n, "", "trailing content after the JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new InputException(file, n, "", $"malformed JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            throw new InputException(file, n, field, "invalid UTF-8 text (an escaped unpaired surrogate)");
        }

        if (idLength < 0)
        {
            throw new InputException(file, n, "id", "missing");
        }

        if (!sawBalances)
        {
            throw new InputException(file, n, "balances", "missing");
        }

        return idLength;
    }

    private static void ReadBalances(ref Utf8JsonReader reader, string file, long n, AssetTable assets, HoldingAccumulator holdings, ref string field)
    {
        Expect(ref reader, JsonTokenType.StartObject, file, n, "balances", "expected an object of asset → amount");
        Span<byte> amountText = stackalloc byte[128];
        while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            field = "balances.(asset name)";
            var name = reader.GetString() ?? "";
            if (!assets.TryGetIndex(name, out var asset))
            {
                throw new InputException(file, n, $"balances.{name}", $"unknown asset '{name}': not in the asset list");
            }

            Next(ref reader);
            ReadOnlySpan<byte> text;
            if (reader.TokenType == JsonTokenType.String)
            {
                if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > amountText.Length)
                {
                    throw new InputException(file, n, $"balances.{name}", "malformed number");
                }

                text = reader.ValueSpan;
            }
            else if (reader.TokenType == JsonTokenType.Number)
            {
                // The raw token text keeps the number exact; exponents are rejected by the parser.
                text = reader.ValueSpan;
            }
            else
            {
                throw new InputException(file, n, $"balances.{name}", "expected a decimal string or number");
            }

            var a = assets[asset];
            var status = Amount.TryParse(text, a.Decimals, out var amount);
            if (status != AmountParseStatus.Ok)
            {
                throw new InputException(file, n, $"balances.{name}", Amount.Describe(status, a.Decimals, a.Symbol));
            }

            if (!holdings.TryAdd(asset, amount))
            {
                throw new InputException(file, n, $"balances.{name}", "asset given twice for this account");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new InputException(file, n, "balances", "expected an object of asset → amount");
        }

    }

    private static bool Next(ref Utf8JsonReader reader) => reader.Read();

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string file, long n, string field, string reason)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new InputException(file, n, field, reason);
        }
    }
}
