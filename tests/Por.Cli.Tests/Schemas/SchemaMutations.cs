// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Por.Cli.Tests.Schemas;

/// <summary>
/// Changed copies of a valid document that por's strict readers refuse, so its schema must refuse them too: each
/// top-level property removed (every top-level property of a por file is required), a property added to every
/// object, every value replaced by one of another type, the format id's version changed, and every value with a
/// pattern made invalid (hex digests, keys and signatures one digit short; numeric strings with a letter appended;
/// export file names outside their hex directory; node URLs of another scheme).
/// </summary>
public static partial class SchemaMutations
{
    public const string Removed = "required property removed";
    public const string Extra = "extra property";
    public const string WrongType = "wrong type";
    public const string Pattern = "bad pattern";
    public const string Format = "other format version";

    /// <summary>Every mutation of <paramref name="document"/>.</summary>
    public static IEnumerable<SchemaMutation> All(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var name in document.AsObject().Select(p => p.Key).ToList())
        {
            var copy = document.DeepClone();
            copy.AsObject().Remove(name);
            yield return new SchemaMutation(Removed, name, copy);
        }

        var extra = document.DeepClone();
        extra.AsObject().Add("unexpected field!", 1);
        yield return new SchemaMutation(Extra, "", extra);

        var format = (string)document["format"]!;
        var changed = document.DeepClone();
        changed["format"] = format[..format.LastIndexOf('/')] + "/99";
        yield return new SchemaMutation(Format, "format", changed);

        foreach (var path in Paths(document))
        {
            var node = At(document, path);
            if (node is JsonObject)
            {
                yield return Replace(document, path, Extra, n => n.AsObject().Add("unexpected field!", 1));
            }

            yield return Replace(document, path, WrongType, _ => { }, OtherType(node));
            if (node is JsonValue value && value.TryGetValue<string>(out var text) && Malformed(text) is { } bad)
            {
                yield return Replace(document, path, Pattern, _ => { }, JsonValue.Create(bad));
            }
        }
    }

    // A value of another JSON type than the original: strings become numbers, numbers and booleans strings, objects
    // and arrays booleans, null a fractional number (no por field is a fractional number).
    private static JsonValue OtherType(JsonNode? node) => node switch
    {
        null => JsonValue.Create(0.5),
        JsonObject or JsonArray => JsonValue.Create(true),
        JsonValue v when v.TryGetValue<string>(out _) => JsonValue.Create(12345),
        JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create("true"),
        _ => JsonValue.Create("1"),
    };

    // Hex digests (32 bytes), compressed keys (33) and signatures (64), with or without 0x, lose one digit; amounts,
    // heights as text, prices, percentages and the token monitor's slots get a letter appended. Other strings (names, messages) have no pattern.
    // Export file names lose their hex directory; URLs get a scheme por does not read.
    private static string? Malformed(string text) =>
        HexValue().IsMatch(text) ? text[..^1]
        : NumericValue().IsMatch(text) ? text + "x"
        : MonitorSlot().IsMatch(text) ? text + "x"
        : ExportFile().IsMatch(text) ? "gg" + text[2..]
        : text.StartsWith("http://", StringComparison.Ordinal) ? "file://" + text["http://".Length..]
        : null;

    [GeneratedRegex(@"^[0-9a-f]{2}/[0-9a-f]{64}\.json$", RegexOptions.None, 1000)]
    private static partial Regex ExportFile();

    [GeneratedRegex("^(0x)?([0-9a-fA-F]{64}|[0-9a-fA-F]{66}|[0-9a-fA-F]{128})$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex HexValue();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex NumericValue();

    // The token monitor's slots (b:HEIGHT, t:SECONDS) and alert ids (TOKEN/SLOT/SEQUENCE) end in digits.
    [GeneratedRegex(@"(^|/)[bt]:[0-9]+(/[0-9]+)?$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex MonitorSlot();

    private static SchemaMutation Replace(JsonNode document, IReadOnlyList<object> path, string kind, Action<JsonNode> edit, JsonNode? replacement = null)
    {
        var copy = document.DeepClone();
        if (replacement is null)
        {
            edit(At(copy, path)!);
        }
        else
        {
            var parent = At(copy, path.Take(path.Count - 1).ToList())!;
            if (path[^1] is string name)
            {
                parent[name] = replacement;
            }
            else
            {
                parent[(int)path[^1]] = replacement;
            }
        }

        return new SchemaMutation(kind, Describe(path), copy);
    }

    private static JsonNode? At(JsonNode root, IReadOnlyList<object> path)
    {
        var node = root;
        foreach (var step in path)
        {
            node = step is string name ? node![name] : node![(int)step];
        }

        return node;
    }

    // Every path below the root, parents before children.
    private static IEnumerable<IReadOnlyList<object>> Paths(JsonNode root)
    {
        var stack = new Stack<(JsonNode? Node, List<object> Path)>();
        stack.Push((root, []));
        while (stack.Count > 0)
        {
            var (node, path) = stack.Pop();
            if (path.Count > 0)
            {
                yield return path;
            }

            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o.Reverse())
                    {
                        stack.Push((child, [.. path, name]));
                    }

                    break;
                case JsonArray a:
                    for (var i = a.Count - 1; i >= 0; i--)
                    {
                        stack.Push((a[i], [.. path, i]));
                    }

                    break;
            }
        }
    }

    private static string Describe(IReadOnlyList<object> path) =>
        string.Concat(path.Select(p => p is int i ? $"[{i}]" : $".{p}")).TrimStart('.');
}
