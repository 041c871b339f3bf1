// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Rounds;

/// <summary>
/// Reading steps every public round document shares in both modes (manifests and inclusion files): strict UTF-8 JSON,
/// the format id, and the customer's account id.
/// </summary>
public static class RoundDocumentJson
{
    /// <summary>Parses a document strictly after checking it is UTF-8 (the caller disposes it).</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">Invalid UTF-8 or not strict JSON.</exception>
    public static JsonDocument Parse(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);

        // Invalid UTF-8 inside a string is reported with its line and field by StrictJson; outside any string it is
        // malformed JSON (with its line).
        return StrictJson.Parse(bytes, file);
    }

    /// <summary>Requires the document's <c>format</c> to be <paramref name="formatId"/> (or its legacy dotted id, <see cref="RoundModes.Canonical"/>).</summary>
    /// <param name="root">The document's object.</param>
    /// <param name="file">The file, for errors.</param>
    /// <param name="formatId">The format this verifier reads for the mode and document.</param>
    /// <exception cref="InputException">Another format.</exception>
    public static void ExpectFormat(JsonElement root, string file, string formatId)
    {
        if (!string.Equals(RoundModes.Canonical(StrictJson.String(root, "format", file, "")), formatId, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"unsupported format: this verifier reads {formatId}");
        }
    }

    /// <summary>Reads <c>account.id</c> and checks it is a valid account id (formats.md §1).</summary>
    /// <param name="account">The <c>account</c> object.</param>
    /// <param name="file">The file, for errors.</param>
    /// <returns>The id's UTF-8 bytes.</returns>
    /// <exception cref="InputException">Missing or invalid id.</exception>
    public static byte[] ReadAccountId(JsonElement account, string file)
    {
        var id = Encoding.UTF8.GetBytes(StrictJson.String(account, "id", file, "account"));
        if (AccountIds.Validate(id) is { } idError)
        {
            throw new InputException(file, 0, "account.id", idError);
        }

        return id;
    }
}
