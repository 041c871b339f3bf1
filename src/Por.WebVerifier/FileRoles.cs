// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.WebVerifier;

/// <summary>
/// Sorts dropped files by what they are: batch files by name, a manifest by its <c>format</c> (<c>por-round/…</c> or the
/// legacy <c>por.round/…</c>); anything else is taken as the inclusion file, so a damaged file is verified (and
/// fails) rather than silently ignored.
/// </summary>
internal static class FileRoles
{
    public static FileRole Of(string name, byte[] bytes)
    {
        if (name.StartsWith("batch-", StringComparison.Ordinal) && (name.EndsWith(".proof", StringComparison.Ordinal) || name.EndsWith(".statement", StringComparison.Ordinal)))
        {
            return FileRole.Batch;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out var format)
                && format.ValueKind == JsonValueKind.String && format.GetString() is { } id
                && (id.StartsWith("por-round/", StringComparison.Ordinal) || id.StartsWith("por.round/", StringComparison.Ordinal)))
            {
                return FileRole.Manifest;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the verifier reports it as a malformed inclusion file.
        }

        return FileRole.Inclusion;
    }
}
