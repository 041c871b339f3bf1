// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Audit;

/// <summary>Reads and writes "por-audit-sample/1" files (docs/formats.md §11.3).</summary>
public static class AuditSampleJson
{
    private static readonly string[] s_fields = ["format", "algorithm", "round", "seed", "list", "confidence", "max_omitted_fraction", "sample_size", "accounts"];

    /// <summary>Serialises a sample.</summary>
    /// <param name="sample">The sample.</param>
    /// <returns>UTF-8 JSON with a final LF.</returns>
    public static byte[] Serialize(AuditSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", AuditSample.FormatVersion);
            AuditJson.WriteCommon(w, sample.Round, sample.Seed, sample.ListSha256, sample.ListCount);
            w.WriteString("confidence", sample.Confidence);
            if (sample.MaxOmittedFraction is null)
            {
                w.WriteNull("max_omitted_fraction");
            }
            else
            {
                w.WriteString("max_omitted_fraction", sample.MaxOmittedFraction);
            }

            w.WriteNumber("sample_size", sample.Accounts.Count);
            w.WriteStartArray("accounts");
            foreach (var id in sample.Accounts)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return AuditJson.Finish(stream);
    }

    /// <summary>Parses a sample file strictly (every field present, no other, each of its type).</summary>
    /// <param name="bytes">The file.</param>
    /// <param name="file">Its name, for errors.</param>
    /// <returns>The sample.</returns>
    /// <exception cref="InputException">A malformed file, naming the field.</exception>
    public static AuditSample Parse(byte[] bytes, string file)
    {
        using var document = StrictJson.Parse(bytes, file);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, file, "", s_fields);
        if (!string.Equals(StrictJson.String(root, "format", file, ""), AuditSample.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"expected '{AuditSample.FormatVersion}'");
        }

        var (round, seed, listSha, listCount) = AuditJson.ReadCommon(root, file);
        var confidence = AuditJson.Probability(root, "confidence", file);
        var target = root.GetProperty("max_omitted_fraction").ValueKind == JsonValueKind.Null ? null : AuditJson.Probability(root, "max_omitted_fraction", file);
        var size = StrictJson.Integer(root, "sample_size", file, "", 1, listCount);
        var accounts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in StrictJson.Array(root, "accounts", file, "").EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"accounts[{accounts.Count}]");
            var id = AuditJson.AccountId(element, file, field);
            if (!seen.Add(id))
            {
                throw new InputException(file, 0, field, $"account id '{id}' is listed twice");
            }

            accounts.Add(id);
        }

        return accounts.Count == size
            ? new AuditSample(round, seed, listSha, listCount, confidence, target, accounts)
            : throw new InputException(file, 0, "accounts", $"lists {accounts.Count} ids, sample_size says {size}");
    }
}
