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
        return SignedFileJson.Serialize(attestation.Format, "auditor", attestation.Auditor, attestation.Algorithm, attestation.PublicKey, w =>
        {
            w.WriteString("round_id", attestation.RoundId);
            w.WriteString("manifest_sha256", Convert.ToHexStringLower(attestation.ManifestSha256));
            w.WriteString("report_sha256", Convert.ToHexStringLower(attestation.ReportSha256));
            if (attestation.AuditResultSha256 is { } audit)
            {
                w.WriteString("audit_result_sha256", Convert.ToHexStringLower(audit));
            }
        }, attestation.SignedAt, attestation.Digest, attestation.Signature);
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

        var (auditor, algorithm, publicKey) = SignedFileJson.ReadSigner(root, source, "auditor");
        var round = SignedFileJson.Line(root, "round_id", source);
        var (signedAt, signature) = SignedFileJson.ReadSignature(root, source);
        var attestation = new AuditorAttestation(
            auditor,
            algorithm,
            publicKey,
            round,
            StrictJson.Hex(root, "manifest_sha256", 32, source, ""),
            StrictJson.Hex(root, "report_sha256", 32, source, ""),
            signedAt,
            signature,
            withAudit ? StrictJson.Hex(root, "audit_result_sha256", 32, source, "") : null);
        return SignedFileJson.CheckDigest(root, source, attestation, attestation.Digest, "attested");
    }
}
