// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using Por.Common;

namespace Por.Reserves;

/// <summary>Reads a "por-reserves/2" JSON declaration strictly: unknown, missing or repeated fields (at any depth), bad
/// values, invalid UTF-8, control characters in strings and an empty row list are errors naming the file, line and
/// field. The previous version "por-reserves/1" (the same fields in camelCase) is still read (deprecated).</summary>
public static class ReserveDeclarationParser
{
    /// <summary>The format version this parser writes (snake_case property names).</summary>
    public const string FormatVersion = "por-reserves/2";

    /// <summary>The previous version (camelCase property names), still read; deprecated.</summary>
    public const string LegacyFormatVersion = "por-reserves/1";

    private static readonly HashSet<string> s_topFields = new(StringComparer.Ordinal) { "format", "custodian", "round", "rows" };

    private static readonly string[] s_rowFieldNames =
    [
        "asset", "chain", "address", "amount", "decimals", "token", "snapshot_height", "snapshot_block_hash", "scheme",
        "message", "signatures", "script", "public_key", "owners", "owner_scheme", "chain_id",
    ];

    private static readonly HashSet<string> s_rowFields = new(s_rowFieldNames, StringComparer.Ordinal);

    private static readonly HashSet<string> s_legacyRowFields = new(LegacyPropertyNames.Names(s_rowFieldNames, legacy: true), StringComparer.Ordinal);

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
        var scan = Scan(json.Span, sourcePath);
        var rowLines = scan.RowLines;
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

            foreach (var property in root.EnumerateObject())
            {
                if (!s_topFields.Contains(property.Name))
                {
                    throw new InputException(sourcePath, scan.LineOf(property.Name), Display(property.Name), "unknown field");
                }
            }

            var format = RequiredString(root, "format", sourcePath, scan.LineOf("format"));
            var legacy = string.Equals(format, LegacyFormatVersion, StringComparison.Ordinal);
            if (!legacy && !string.Equals(format, FormatVersion, StringComparison.Ordinal))
            {
                throw new InputException(sourcePath, scan.LineOf("format"), "format", $"unsupported format '{format}', expected '{FormatVersion}' (or the deprecated '{LegacyFormatVersion}')");
            }

            var custodian = RequiredString(root, "custodian", sourcePath, scan.LineOf("custodian"));
            var round = RequiredString(root, "round", sourcePath, scan.LineOf("round"));
            if (!root.TryGetProperty("rows", out var rowsElement) || rowsElement.ValueKind != JsonValueKind.Array)
            {
                throw new InputException(sourcePath, scan.LineOf("rows"), "rows", "must be an array");
            }

            if (rowsElement.GetArrayLength() == 0)
            {
                throw new InputException(sourcePath, scan.LineOf("rows"), "rows", "lists no wallet: a declaration needs at least one row");
            }

            // Rows are independent: convert them on every core, then report the first error in file order.
            var elements = rowsElement.EnumerateArray().ToArray();
            var rows = new ReserveRow[elements.Length];
            var errors = new InputException?[elements.Length];
            Parallel.For(0, elements.Length, index =>
            {
                try
                {
                    rows[index] = ParseRow(elements[index], sourcePath, index < rowLines.Count ? rowLines[index] : 0, index, legacy);
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

    private static ReserveRow ParseRow(JsonElement element, string file, int line, int index, bool legacy)
    {
        string N(string snakeCase) => LegacyPropertyNames.Name(snakeCase, legacy);
        var prefix = $"rows[{index}].";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, line, $"rows[{index}]", "must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!(legacy ? s_legacyRowFields : s_rowFields).Contains(property.Name))
            {
                throw new InputException(file, line, prefix + property.Name, "unknown field");
            }
        }

        var (scheme, ownerScheme) = ParseSchemes(element, file, line, prefix, N("owner_scheme"));
        var amount = ParseAmount(element, file, line, prefix);
        var decimals = RequiredInteger(element, "decimals", file, line, prefix);
        if (decimals is < 0 or > 36)
        {
            throw new InputException(file, line, prefix + "decimals", "must be 0..36");
        }

        var height = RequiredInteger(element, N("snapshot_height"), file, line, prefix);
        if (height < 0)
        {
            throw new InputException(file, line, prefix + N("snapshot_height"), "must be non-negative");
        }

        var blockHash = ParseBlockHash(element, file, line, prefix, N("snapshot_block_hash"));

        var signatures = StringArray(element, "signatures", file, line, prefix);
        if (signatures.Count == 0)
        {
            throw new InputException(file, line, prefix + "signatures", "at least one signature is required");
        }

        long? chainId = element.TryGetProperty(N("chain_id"), out _) ? RequiredInteger(element, N("chain_id"), file, line, prefix) : null;
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
            PublicKey = OptionalString(element, N("public_key"), file, line, prefix),
            Owners = element.TryGetProperty("owners", out _) ? StringArray(element, "owners", file, line, prefix) : [],
            OwnerScheme = ownerScheme,
            ChainId = chainId,
        };
    }

    private static (SignatureScheme Scheme, SignatureScheme OwnerScheme) ParseSchemes(JsonElement element, string file, int line, string prefix, string ownerSchemeField)
    {
        var schemeName = RequiredString(element, "scheme", file, line, prefix);
        if (!SignatureSchemeNames.TryParse(schemeName, out var scheme))
        {
            throw new InputException(file, line, prefix + "scheme", $"unknown scheme '{schemeName}' (known: {string.Join(", ", SignatureSchemeNames.All)})");
        }

        var ownerScheme = SignatureScheme.Eip191Text;
        var ownerSchemeName = OptionalString(element, ownerSchemeField, file, line, prefix);
        if (ownerSchemeName is not null && (!SignatureSchemeNames.TryParse(ownerSchemeName, out ownerScheme) || ownerScheme is not (SignatureScheme.Eip191Text or SignatureScheme.Eip191Hash32)))
        {
            throw new InputException(file, line, prefix + ownerSchemeField, "must be eip191-text or eip191-hash32");
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

    private static string ParseBlockHash(JsonElement element, string file, int line, string prefix, string field)
    {
        var blockHash = RequiredString(element, field, file, line, prefix);
        var hashHex = blockHash.StartsWith("0x", StringComparison.Ordinal) ? blockHash[2..] : blockHash;
        var hex = hashHex.Length == 64 && hashHex.All(Uri.IsHexDigit);

        // Solana block hashes are base58 (32 bytes: 32 to 44 characters).
        var base58 = blockHash.Length is >= 32 and <= 44 && blockHash.All(c => c < 128 && "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".Contains(c, StringComparison.Ordinal));
        if (!hex && !base58)
        {
            throw new InputException(file, line, prefix + field, "must be 32 bytes of hex, or a base58 Solana block hash");
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

    /// <summary>
    /// One pass over the raw JSON before it is converted: records the line of each top-level field and of each row,
    /// and rejects, with the exact line and field path, a property given twice in any object, a string or property
    /// name that is not valid UTF-8 (or escapes an unpaired surrogate), and control characters (U+0000–U+001F,
    /// U+007F–U+009F) in any string; the one exception is LF in a row's <c>message</c>, since the challenge is
    /// multi-line.
    /// </summary>
    private static ScanResult Scan(ReadOnlySpan<byte> json, string file)
    {
        var result = new ScanResult();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var stack = new List<Frame>();
        var countedTo = 0;
        var line = 1;
        try
        {
            while (reader.Read())
            {
                // Count newlines incrementally: the file is scanned once, not once per token.
                var offset = (int)reader.TokenStartIndex;
                line += json[countedTo..offset].Count((byte)'\n');
                countedTo = offset;
                var top = stack.Count > 0 ? stack[^1] : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = ReadText(ref reader, file, line, JoinPath(top!.Path, "(property name)"));
                        var path = JoinPath(top.Path, name);
                        RejectControlCharacters(name, allowLineFeed: false, file, line, path);
                        if (!top.Seen!.Add(name))
                        {
                            throw new InputException(file, line, Display(path), "property given twice");
                        }

                        top.Property = name;
                        if (stack.Count == 1)
                        {
                            result.TopLines[name] = line;
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var containerPath = top is null ? string.Empty : ValuePath(top, stack, result, line);
                        stack.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, containerPath));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        break;
                    case JsonTokenType.String:
                        var valuePath = top is null ? "(root)" : ValuePath(top, stack, result, line);
                        var isMessage = stack.Count == 3 && string.Equals(stack[1].Path, "rows", StringComparison.Ordinal) && string.Equals(top!.Property, "message", StringComparison.Ordinal);
                        RejectControlCharacters(ReadText(ref reader, file, line, valuePath), isMessage, file, line, valuePath);
                        break;
                    default:
                        if (top is not null)
                        {
                            _ = ValuePath(top, stack, result, line);
                        }

                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InputException(file, (int)(ex.LineNumber ?? -1) + 1, "(json)", ex.Message);
        }

        return result;
    }

    // The path of the value starting at this token inside container "top"; an element of the top-level rows array
    // also records its line.
    private static string ValuePath(Frame top, List<Frame> stack, ScanResult result, int line)
    {
        if (!top.IsArray)
        {
            return JoinPath(top.Path, top.Property!);
        }

        if (stack.Count == 2 && string.Equals(top.Path, "rows", StringComparison.Ordinal))
        {
            result.RowLines.Add(line);
        }

        return $"{top.Path}[{top.Count++}]";
    }

    private static string JoinPath(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string ReadText(ref Utf8JsonReader reader, string file, int line, string path)
    {
        if (!reader.ValueIsEscaped && !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            throw new InputException(file, line, Display(path), "is not valid UTF-8");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape of an unpaired surrogate (\ud800) has no UTF-8 form either.
            throw new InputException(file, line, Display(path), "is not valid UTF-8 (escapes an unpaired surrogate)");
        }
    }

    private static void RejectControlCharacters(string text, bool allowLineFeed, string file, int line, string path)
    {
        foreach (var c in text)
        {
            if (IsControl(c) && !(allowLineFeed && c == '\n'))
            {
                throw new InputException(file, line, Display(path), $"contains the control character U+{(int)c:X4}{(allowLineFeed ? " (only LF is allowed in a message)" : string.Empty)}");
            }
        }
    }

    private static bool IsControl(char c) => c is <= '\u001f' or (>= '\u007f' and <= '\u009f');

    // Field names are echoed in errors: a control character in one is shown escaped, never written to the terminal.
    private static string Display(string name)
    {
        if (!name.Any(IsControl))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            builder.Append(IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    private sealed class Frame(bool isArray, string path)
    {
        public bool IsArray { get; } = isArray;

        public string Path { get; } = path;

        public HashSet<string>? Seen { get; } = isArray ? null : new HashSet<string>(StringComparer.Ordinal);

        public int Count { get; set; }

        public string? Property { get; set; }
    }

    private sealed class ScanResult
    {
        public List<int> RowLines { get; } = [];

        public Dictionary<string, int> TopLines { get; } = new(StringComparer.Ordinal);

        // Line of a top-level field, or 1 when it is absent.
        public int LineOf(string name) => TopLines.GetValueOrDefault(name, 1);
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
        writer.WriteNumber("snapshot_height", row.SnapshotHeight);
        WriteOptional(writer, "snapshot_block_hash", row.SnapshotBlockHash);
        writer.WriteString("scheme", SignatureSchemeNames.Describe(row.Scheme));
        WriteOptional(writer, "message", row.Message);
        writer.WriteStartArray("signatures");
        foreach (var s in row.Signatures)
        {
            writer.WriteStringValue(s);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "script", row.Script);
        WriteOptional(writer, "public_key", row.PublicKey);
        if (row.Owners.Count > 0)
        {
            writer.WriteStartArray("owners");
            foreach (var o in row.Owners)
            {
                writer.WriteStringValue(o);
            }

            writer.WriteEndArray();
            writer.WriteString("owner_scheme", SignatureSchemeNames.ToName(row.OwnerScheme));
        }

        if (row.ChainId is { } chainId)
        {
            writer.WriteNumber("chain_id", chainId);
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
            : OkxReservesCsvImporter.Import(DecodeStrict(bytes.AsSpan(start), path), path);
    }

    // A CSV is decoded strictly: an invalid byte is an error at its line, never a silent U+FFFD.
    private static string DecodeStrict(ReadOnlySpan<byte> bytes, string path)
    {
        var chars = new char[bytes.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            var before = bytes[..read];
            throw new InputException(path, before.Count((byte)'\n') + 1, "(encoding)", $"invalid UTF-8 at byte {read - before.LastIndexOf((byte)'\n')} of the line");
        }

        return new string(chars, 0, written);
    }
}
