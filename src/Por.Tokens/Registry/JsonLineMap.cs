// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Tokens.Registry;

/// <summary>
/// The 1-based line of every field path of a JSON document (<c>tokens[0].deployments[1].decimals</c>), so that errors
/// found on the parsed tree can name the line as well as the field.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    public JsonLineMap(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 });
        var containers = new Stack<(string Path, int NextIndex)>();
        string? pendingProperty = null;
        long line = 1;
        long scanned = 0;
        while (reader.Read())
        {
            var start = reader.TokenStartIndex;
            line += json[(int)scanned..(int)start].Count((byte)'\n');
            scanned = start;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                pendingProperty = Join(containers.Peek().Path, reader.GetString()!);
                _lines.TryAdd(pendingProperty, line);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }

            string path;
            if (pendingProperty is not null)
            {
                path = pendingProperty;
                pendingProperty = null;
            }
            else if (containers.Count > 0)
            {
                var (parent, index) = containers.Pop();
                containers.Push((parent, index + 1));
                path = $"{parent}[{index}]";
                _lines.TryAdd(path, line);
            }
            else
            {
                path = string.Empty;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((path, 0));
            }
        }
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest ancestor that has one; 0 when none does.</summary>
    public long LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return 0;
    }

    /// <summary>The same error with its line filled in from the field path when it had none.</summary>
    public InputException Locate(InputException error) =>
        error.Line > 0 ? error : new InputException(error.File, LineOf(error.Field), error.Field, error.Reason);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
