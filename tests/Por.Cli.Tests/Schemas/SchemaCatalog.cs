// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Por.Testing;

namespace Por.Cli.Tests.Schemas;

/// <summary>The published JSON Schemas in docs/schemas, one per format id (docs/formats.md §12).</summary>
internal static class SchemaCatalog
{
    private static readonly ConcurrentDictionary<string, JsonSchema> s_schemas = new(StringComparer.Ordinal);

    /// <summary>The repository root (the parent of testdata/).</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(TestData.Root)!;

    /// <summary>docs/schemas.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "docs", "schemas");

    /// <summary>The file name of a format's schema: <c>por-round/1</c> → <c>por-round-v1.schema.json</c>.</summary>
    public static string FileName(string formatId)
    {
        var slash = formatId.LastIndexOf('/');
        Assert.True(slash > 0, $"'{formatId}' is not a format id");
        return $"{formatId[..slash]}-v{formatId[(slash + 1)..]}.schema.json";
    }

    /// <summary>The schema of a format id (fails the test when there is none).</summary>
    public static JsonSchema For(string formatId) => s_schemas.GetOrAdd(formatId, id =>
    {
        var path = Path.Combine(Directory, FileName(id));
        Assert.True(File.Exists(path), $"no schema for {id}: {path}");
        return JsonSchema.FromText(File.ReadAllText(path));
    });

    /// <summary>The format id a JSON document names, or null when it is not an object with a string <c>format</c>.</summary>
    public static string? FormatOf(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;

    /// <summary>Evaluates a document against its format's schema; returns the first errors as text (empty when valid).</summary>
    public static string Errors(string formatId, JsonElement document)
    {
        var result = For(formatId).Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return "";
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Take(5);
        return string.Join("; ", errors) is { Length: > 0 } text ? text : "invalid";
    }

    /// <summary>Whether the document is valid against its format's schema.</summary>
    public static bool IsValid(string formatId, JsonElement document) =>
        For(formatId).Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
}
