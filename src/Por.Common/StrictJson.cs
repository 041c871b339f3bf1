// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;

namespace Por.Common;

/// <summary>
/// Strict reading of por's JSON files: every object must have exactly the expected properties (no unknown, missing
/// or repeated ones), with the expected types. Errors name the file and the field path.
/// </summary>
internal static class StrictJson
{
    public static JsonDocument Parse(byte[] bytes, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InputException(file, (e.LineNumber ?? -1) + 1, "", $"malformed JSON: {e.Message}");
        }

        try
        {
            CheckText(bytes, file);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        return document;
    }

    /// <summary>
    /// JsonDocument accepts strings that cannot become .NET strings (invalid UTF-8, an escaped unpaired surrogate) and
    /// fails only when one is read, with an InvalidOperationException; this pass turns them into input errors naming
    /// the line and the field path before any value is read.
    /// </summary>
    /// <param name="bytes">The JSON text (or one line of JSON Lines).</param>
    /// <param name="file">The file, for errors.</param>
    /// <param name="firstLine">The line number of the first byte of <paramref name="bytes"/>.</param>
    /// <exception cref="InputException">A string or property name is not valid text (names line and field path).</exception>
    /// <exception cref="JsonException">The JSON itself is malformed (callers report that their own way).</exception>
    public static void CheckText(ReadOnlySpan<byte> bytes, string file, long firstLine = 1)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        var path = new List<string>();
        var arrayIndex = new List<int>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Decode(ref reader, bytes, file, firstLine, Join(string.Concat(path), "(property name)"));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(path.Count == 0 ? string.Empty : Segment(path, arrayIndex, property));
                    arrayIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    arrayIndex.RemoveAt(arrayIndex.Count - 1);
                    break;
                case JsonTokenType.String:
                    _ = Decode(ref reader, bytes, file, firstLine, string.Concat(path) + Segment(path, arrayIndex, property));
                    break;
                default:
                    if (path.Count > 0)
                    {
                        _ = Segment(path, arrayIndex, property);
                    }

                    break;
            }
        }
    }

    // ".name" in an object, "[i]" in an array (advancing the index); the root's fields have no leading dot.
    private static string Segment(List<string> path, List<int> arrayIndex, string? property)
    {
        if (path.Count == 0)
        {
            return string.Empty;
        }

        if (arrayIndex[^1] >= 0)
        {
            return $"[{arrayIndex[^1]++}]";
        }

        return path.Count == 1 ? property ?? string.Empty : "." + property;
    }

    private static string Decode(ref Utf8JsonReader reader, ReadOnlySpan<byte> bytes, string file, long firstLine, string field)
    {
        if (reader.ValueIsEscaped || System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // An escaped unpaired surrogate: falls through to the error below.
            }
        }

        var line = bytes[..(int)reader.TokenStartIndex].Count((byte)'\n') + firstLine;
        throw new InputException(file, line, field, "invalid UTF-8 text (bytes that are not UTF-8, or an escaped unpaired surrogate)");
    }

    /// <summary>Checks that <paramref name="obj"/> is an object with exactly <paramref name="names"/> (optional ones may be absent).</summary>
    public static void ExpectObject(JsonElement obj, string file, string path, string[] names, string[]? optional = null)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, path, "expected an object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                throw new InputException(file, 0, Join(path, p.Name), "property given twice");
            }

            if (System.Array.IndexOf(names, p.Name) < 0 && (optional is null || System.Array.IndexOf(optional, p.Name) < 0))
            {
                throw new InputException(file, 0, Join(path, p.Name), "unknown property");
            }
        }

        foreach (var n in names)
        {
            if (!seen.Contains(n))
            {
                throw new InputException(file, 0, Join(path, n), "missing");
            }
        }
    }

    public static string String(JsonElement obj, string name, string file, string path)
    {
        var e = obj.GetProperty(name);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InputException(file, 0, Join(path, name), "expected a string");
    }

    public static long Integer(JsonElement obj, string name, string file, string path, long min, long max)
    {
        var e = obj.GetProperty(name);
        if (e.ValueKind != JsonValueKind.Number || !long.TryParse(e.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new InputException(file, 0, Join(path, name), $"expected an integer from {min} to {max}");
        }

        return v;
    }

    public static byte[] Hex(JsonElement obj, string name, int length, string file, string path)
    {
        var text = String(obj, name, file, path);
        if (text.Length != 2 * length || text.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            throw new InputException(file, 0, Join(path, name), $"expected {length} bytes as {2 * length} lowercase hex digits");
        }

        return Convert.FromHexString(text);
    }

    public static JsonElement Array(JsonElement obj, string name, string file, string path)
    {
        var e = obj.GetProperty(name);
        return e.ValueKind == JsonValueKind.Array ? e : throw new InputException(file, 0, Join(path, name), "expected an array");
    }

    public static DateTimeOffset Time(JsonElement obj, string name, string file, string path)
    {
        var text = String(obj, name, file, path);
        if (!UtcTime.TryParse(text, out var t))
        {
            throw new InputException(file, 0, Join(path, name), "expected a UTC time as yyyy-MM-ddTHH:mm:ssZ");
        }

        return t;
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
