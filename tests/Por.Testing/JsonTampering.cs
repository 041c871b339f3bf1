// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;

namespace Por.Testing;

/// <summary>Changes one JSON value at a time, for tests that every field of a public file is checked.</summary>
public static class JsonTampering
{
    /// <summary>Parses, edits and re-serializes a JSON document.</summary>
    public static byte[] Edit(byte[] json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>
    /// Every scalar value of a document (strings, numbers, booleans) with its JSON path, and the document with only that
    /// value changed: a hex digit or a decimal digit altered, a number incremented, any other string extended.
    /// </summary>
    public static IEnumerable<(string Path, byte[] Tampered)> EachFieldTampered(byte[] json)
    {
        var paths = new List<string>();
        Collect(JsonNode.Parse(json)!, "$", paths);
        foreach (var path in paths)
        {
            var root = JsonNode.Parse(json)!;
            var value = Find(root, path)!.AsValue();
            var parent = value.Parent!;
            JsonNode replacement = value.TryGetValue<long>(out var n) ? JsonValue.Create(n + 1) : JsonValue.Create(Alter(value.GetValue<string>()));
            if (parent is JsonObject o)
            {
                o[value.GetPropertyName()] = replacement;
            }
            else
            {
                parent.AsArray()[value.GetElementIndex()] = replacement;
            }

            yield return (path, Encoding.UTF8.GetBytes(root.ToJsonString()));
        }
    }

    private static string Alter(string s)
    {
        for (var i = s.Length - 1; i >= 0; i--)
        {
            var c = s[i];
            if (c is >= '0' and <= '8' or >= 'a' and <= 'e')
            {
                return string.Concat(s.AsSpan(0, i), ((char)(c + 1)).ToString(), s.AsSpan(i + 1));
            }

            if (c is '9' or 'f')
            {
                return string.Concat(s.AsSpan(0, i), (c == '9' ? '8' : 'e').ToString(), s.AsSpan(i + 1));
            }
        }

        return s + "x";
    }

    private static void Collect(JsonNode node, string path, List<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    Collect(child!, $"{path}.{name}", paths);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Collect(a[i]!, $"{path}[{i}]", paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in Tokens(path))
        {
            node = part is int i ? node!.AsArray()[i] : node!.AsObject()[(string)part];
        }

        return node;
    }

    private static IEnumerable<object> Tokens(string path)
    {
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 1)..end];
                i = end;
            }
            else
            {
                var end = path.IndexOf(']', i);
                yield return int.Parse(path.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                i = end + 1;
            }
        }
    }

}
