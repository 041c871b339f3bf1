// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using Por.Common;

namespace Por.Reserves;

/// <summary>Reads a "por-reserves/1" JSON declaration strictly: unknown fields, missing fields and bad values are
/// errors naming the file, line and field.</summary>
public static class ReserveDeclarationParser
{
    /// <summary>The only format version this parser reads.</summary>
    public const string FormatVersion = "por-reserves/1";

    private static readonly HashSet<string> s_rowFields = new(StringComparer.Ordinal)
    {
        "asset", "chain", "address", "amount", "decimals", "token", "snapshotHeight", "snapshotBlockHash", "scheme",
        "message", "signatures", "script", "publicKey", "owners", "ownerScheme", "chainId",
    };

    /// <summary>Parses declaration JSON.</summary>
    /// <param name="json">The UTF-8 file content.</param>
    /// <param name="sourcePath">The file name for error messages.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="InputException">Invalid input.</exception>
    public static ReserveDeclaration Parse(ReadOnlySpan<byte> json, string sourcePath) => Parse(new ReadOnlyMemory<byte>(json.ToArray()), sourcePath);

    /// <summary>Parses declaration JSON without copying it.</summary>
    /// <param name="json">The UTF-8 file content.</param>
    /// <param name="sourcePath">The file name for error messages.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="InputException">Invalid input.</exception>
    public static ReserveDeclaration Parse(ReadOnlyMemory<byte> json, string sourcePath)
    {
        var rowLines = RowStartLines(json.Span, sourcePath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InputException(sourcePath, (int)(ex.LineNumber ?? -1) + 1, "(json)", ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(sourcePath, 1, "(root)", "must be a JSON object");
            }

            var format = RequiredString(root, "format", sourcePath, 1);
            if (!string.Equals(format, FormatVersion, StringComparison.Ordinal))
            {
                throw new InputException(sourcePath, 1, "format", $"unsupported format '{format}', expected '{FormatVersion}'");
            }

            var custodian = RequiredString(root, "custodian", sourcePath, 1);
            var round = RequiredString(root, "round", sourcePath, 1);
            if (!root.TryGetProperty("rows", out var rowsElement) || rowsElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(sourcePath, 1, "rows", "must be an array");
            }

            // Rows are independent: convert them on every core, then report the first error in file order.
            var elements = rowsElement.EnumerateArray().ToArray();
            var rows = new ReserveRow[elements.Length];
            var errors = new InputException?[elements.Length];
            Parallel.For(0, elements.Length, index =>
            {
                try
                {
                    rows[index] = ParseRow(elements[index], sourcePath, index < rowLines.Count ? rowLines[index] : 0, index);
                }
                catch (InputException ex)
                {
                    errors[index] = ex;
                }
            });
            if (errors.FirstOrDefault(e => e is not null) is { } first)
            {
                throw first;
            }

            return new ReserveDeclaration(format, custodian, round, rows, sourcePath);
        }
    }

    private static ReserveRow ParseRow(JsonElement element, string file, int line, int index)
    {
        var prefix = $"rows[{index}].";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, line, $"rows[{index}]", "must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!s_rowFields.Contains(property.Name))
            {
                throw new InputException(file, line, prefix + property.Name, "unknown field");
            }
        }

        var (scheme, ownerScheme) = ParseSchemes(element, file, line, prefix);
        var amount = ParseAmount(element, file, line, prefix);
        var decimals = RequiredInteger(element, "decimals", file, line, prefix);
        if (decimals is < 0 or > 36)
        {
            throw new InputException(file, line, prefix + "decimals", "must be 0..36");
        }

        var height = RequiredInteger(element, "snapshotHeight", file, line, prefix);
        if (height < 0)
        {
            throw new InputException(file, line, prefix + "snapshotHeight", "must be non-negative");
        }

        var blockHash = ParseBlockHash(element, file, line, prefix);

        var signatures = StringArray(element, "signatures", file, line, prefix);
        if (signatures.Count == 0)
        {
            throw new InputException(file, line, prefix + "signatures", "at least one signature is required");
        }

        long? chainId = element.TryGetProperty("chainId", out _) ? RequiredInteger(element, "chainId", file, line, prefix) : null;
        return new ReserveRow
        {
            Line = line,
            Asset = RequiredString(element, "asset", file, line, prefix),
            Chain = RequiredString(element, "chain", file, line, prefix),
            Address = RequiredString(element, "address", file, line, prefix),
            Amount = amount,
            Decimals = (int)decimals,
            Token = OptionalString(element, "token", file, line, prefix),
            SnapshotHeight = height,
            SnapshotBlockHash = blockHash,
            Scheme = scheme,
            Message = OptionalString(element, "message", file, line, prefix),
            Signatures = signatures,
            Script = OptionalString(element, "script", file, line, prefix),
            PublicKey = OptionalString(element, "publicKey", file, line, prefix),
            Owners = element.TryGetProperty("owners", out _) ? StringArray(element, "owners", file, line, prefix) : [],
            OwnerScheme = ownerScheme,
            ChainId = chainId,
        };
    }

    private static (SignatureScheme Scheme, SignatureScheme OwnerScheme) ParseSchemes(JsonElement element, string file, int line, string prefix)
    {
        var schemeName = RequiredString(element, "scheme", file, line, prefix);
        if (!SignatureSchemeNames.TryParse(schemeName, out var scheme))
        {
            throw new InputException(file, line, prefix + "scheme", $"unknown scheme '{schemeName}' (known: {string.Join(", ", SignatureSchemeNames.All)})");
        }

        var ownerScheme = SignatureScheme.Eip191Text;
        var ownerSchemeName = OptionalString(element, "ownerScheme", file, line, prefix);
        if (ownerSchemeName is not null && (!SignatureSchemeNames.TryParse(ownerSchemeName, out ownerScheme) || ownerScheme is not (SignatureScheme.Eip191Text or SignatureScheme.Eip191Hash32)))
        {
            throw new InputException(file, line, prefix + "ownerScheme", "must be eip191-text or eip191-hash32");
        }

        return (scheme, ownerScheme);
    }

    private static UInt128 ParseAmount(JsonElement element, string file, int line, string prefix)
    {
        var amountText = RequiredString(element, "amount", file, line, prefix);
        if (amountText.Length == 0 || !amountText.All(char.IsAsciiDigit) || !UInt128.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InputException(file, line, prefix + "amount", $"'{amountText}' is not a non-negative integer in base units below 2^128");
        }

        return amount;
    }

    private static string ParseBlockHash(JsonElement element, string file, int line, string prefix)
    {
        var blockHash = RequiredString(element, "snapshotBlockHash", file, line, prefix);
        var hashHex = blockHash.StartsWith("0x", StringComparison.Ordinal) ? blockHash[2..] : blockHash;
        var hex = hashHex.Length == 64 && hashHex.All(Uri.IsHexDigit);

        // Solana block hashes are base58 (32 bytes: 32 to 44 characters).
        var base58 = blockHash.Length is >= 32 and <= 44 && blockHash.All(c => c < 128 && "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".Contains(c, StringComparison.Ordinal));
        if (!hex && !base58)
        {
            throw new InputException(file, line, prefix + "snapshotBlockHash", "must be 32 bytes of hex, or a base58 Solana block hash");
        }

        return blockHash;
    }

    private static string RequiredString(JsonElement element, string name, string file, int line, string prefix = "")
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, line, prefix + name, "required string is missing or not a string");
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            throw new InputException(file, line, prefix + name, "must not be empty");
        }

        return text;
    }

    private static string? OptionalString(JsonElement element, string name, string file, int line, string prefix)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InputException(file, line, prefix + name, "must be a string");
    }

    private static long RequiredInteger(JsonElement element, string name, string file, int line, string prefix)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new InputException(file, line, prefix + name, "required integer is missing or not an integer");
        }

        return number;
    }

    private static List<string> StringArray(JsonElement element, string name, string file, int line, string prefix)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(file, line, prefix + name, "must be an array of strings");
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(item.GetString()))
            {
                throw new InputException(file, line, prefix + name, "must contain only non-empty strings");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    /// <summary>Line numbers where each element of the top-level "rows" array starts.</summary>
    private static List<int> RowStartLines(ReadOnlySpan<byte> json, string file)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var inRows = false;
        var countedTo = 0;
        var line = 1;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    inRows = reader.ValueTextEquals("rows"u8);
                }
                else if (inRows && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number)
                {
                    // Count newlines incrementally: the file is scanned once, not once per row.
                    var offset = (int)reader.TokenStartIndex;
                    line += json[countedTo..offset].Count((byte)'\n');
                    countedTo = offset;
                    lines.Add(line);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InputException(file, (int)(ex.LineNumber ?? -1) + 1, "(json)", ex.Message);
        }

        return lines;
    }

    /// <summary>Serialises a declaration back to the canonical JSON layout (used by the OKX import and tests).</summary>
    /// <param name="declaration">The declaration.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Write(ReserveDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatVersion);
            writer.WriteString("custodian", declaration.Custodian);
            writer.WriteString("round", declaration.Round);
            writer.WriteStartArray("rows");
            foreach (var row in declaration.Rows)
            {
                WriteRow(writer, row);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, ReserveRow row)
    {
        writer.WriteStartObject();
        writer.WriteString("asset", row.Asset);
        writer.WriteString("chain", row.Chain);
        writer.WriteString("address", row.Address);
        writer.WriteString("amount", row.Amount.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("decimals", row.Decimals);
        WriteOptional(writer, "token", row.Token);
        writer.WriteNumber("snapshotHeight", row.SnapshotHeight);
        WriteOptional(writer, "snapshotBlockHash", row.SnapshotBlockHash);
        writer.WriteString("scheme", SignatureSchemeNames.Describe(row.Scheme));
        WriteOptional(writer, "message", row.Message);
        writer.WriteStartArray("signatures");
        foreach (var s in row.Signatures)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "script", row.Script);
        WriteOptional(writer, "publicKey", row.PublicKey);
        if (row.Owners.Count > 0)
        {
            writer.WriteStartArray("owners");
            foreach (var o in row.Owners)
            {
                writer.WriteStringValue(o);
            }

            writer.WriteEndArray();
            writer.WriteString("ownerScheme", SignatureSchemeNames.ToName(row.OwnerScheme));
        }

        if (row.ChainId is { } chainId)
        {
            writer.WriteNumber("chainId", chainId);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Reads a declaration file, choosing the parser by content: JSON ("{") or an OKX reserves CSV.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="InputException">Invalid input.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ReserveDeclaration ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var first = bytes.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && bytes[start + first] == (byte)'{'
            ? Parse(new ReadOnlyMemory<byte>(bytes, start, bytes.Length - start), path)
            : OkxReservesCsvImporter.Import(Encoding.UTF8.GetString(bytes, start, bytes.Length - start), path);
    }
}
