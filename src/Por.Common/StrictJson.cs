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
        CheckUtf8(bytes, file);
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new InputException(file, (e.LineNumber ?? -1) + 1, "", $"malformed JSON: {e.Message}");
        }
    }

    /// <summary>Rejects bytes that are not valid UTF-8, naming the line of the first bad byte (System.Text.Json would
    /// only fail later, when the string is read).</summary>
    public static void CheckUtf8(ReadOnlySpan<byte> bytes, string file)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return;
        }

        var valid = 0;
        while (valid < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[valid..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            valid += consumed;
        }

        throw new InputException(file, bytes[..valid].Count((byte)'\n') + 1, "", $"not valid UTF-8 (byte offset {valid})");
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
