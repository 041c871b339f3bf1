// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Reports.Attestation;

/// <summary>Reads and writes "por-attestation/1" and "por-attestation/2" (with <c>audit_result_sha256</c>) files (docs/report.md).</summary>
public static class AttestationJson
{
    private static readonly string[] s_fields = ["format", "auditor", "algorithm", "public_key", "round_id", "manifest_sha256", "report_sha256", "signed_at", "digest", "signature"];
    private static readonly string[] s_fieldsWithAudit = [.. s_fields, "audit_result_sha256"];

    /// <summary>Serialises an attestation.</summary>
    /// <param name="attestation">The attestation.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Serialize(AuditorAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", attestation.Format);
            w.WriteString("auditor", attestation.Auditor);
            w.WriteString("algorithm", AuditorKey.AlgorithmName(attestation.Algorithm));
            w.WriteString("public_key", Convert.ToHexStringLower(attestation.PublicKey));
            w.WriteString("round_id", attestation.RoundId);
            w.WriteString("manifest_sha256", Convert.ToHexStringLower(attestation.ManifestSha256));
            w.WriteString("report_sha256", Convert.ToHexStringLower(attestation.ReportSha256));
            if (attestation.AuditResultSha256 is { } audit)
            {
                w.WriteString("audit_result_sha256", Convert.ToHexStringLower(audit));
            }

            w.WriteString("signed_at", UtcTime.Format(attestation.SignedAt));
            w.WriteString("digest", Convert.ToHexStringLower(attestation.Digest));
            w.WriteString("signature", Convert.ToHexStringLower(attestation.Signature));
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Parses an attestation file. The "digest" field is informational and must equal the recomputed digest.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>The attestation.</returns>
    /// <exception cref="InputException">Malformed file.</exception>
    public static AuditorAttestation Parse(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        var format = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var withAudit = string.Equals(format, AuditorAttestation.FormatVersionWithAudit, StringComparison.Ordinal);
        StrictJson.ExpectObject(root, source, "", withAudit ? s_fieldsWithAudit : s_fields);
        if (!withAudit && !string.Equals(format, AuditorAttestation.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"expected '{AuditorAttestation.FormatVersion}' or '{AuditorAttestation.FormatVersionWithAudit}'");
        }

        var auditor = StrictJson.String(root, "auditor", source, "");
        AuditorKey.CheckName(auditor, source);
        var algorithm = AuditorKey.ParseAlgorithm(StrictJson.String(root, "algorithm", source, ""), source);
        var round = StrictJson.String(root, "round_id", source, "");
        if (round.Length == 0 || round.Any(char.IsControl))
        {
            throw new InputException(source, 0, "round_id", "must be a non-empty single line");
        }

        var attestation = new AuditorAttestation(
            auditor,
            algorithm,
            StrictJson.Hex(root, "public_key", AuditorKey.PublicKeySize(algorithm), source, ""),
            round,
            StrictJson.Hex(root, "manifest_sha256", 32, source, ""),
            StrictJson.Hex(root, "report_sha256", 32, source, ""),
            StrictJson.Time(root, "signed_at", source, ""),
            StrictJson.Hex(root, "signature", 64, source, ""),
            withAudit ? StrictJson.Hex(root, "audit_result_sha256", 32, source, "") : null);
        var digest = StrictJson.Hex(root, "digest", 32, source, "");
        return digest.AsSpan().SequenceEqual(attestation.Digest)
            ? attestation
            : throw new InputException(source, 0, "digest", "does not match the digest of the attested fields");
    }
}
