// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;

namespace Por.Reports.Attestation;

/// <summary>
/// An auditor's signed statement that a round manifest and a report are the ones they checked ("por-attestation/1"),
/// and, in "por-attestation/2", also the result of their sampling audit ("por-audit-result/1"). The signature covers
/// <see cref="Digest"/>: SHA-256 of a fixed text naming the auditor, algorithm, public key, round, the files' SHA-256
/// and the signing time.
/// </summary>
/// <param name="Auditor">Auditor name.</param>
/// <param name="Algorithm">Signature algorithm.</param>
/// <param name="PublicKey">The signing public key.</param>
/// <param name="RoundId">The round.</param>
/// <param name="ManifestSha256">SHA-256 of manifest.json.</param>
/// <param name="ReportSha256">SHA-256 of report.json.</param>
/// <param name="SignedAt">When it was signed (UTC, whole seconds).</param>
/// <param name="Signature">The signature over the digest.</param>
/// <param name="AuditResultSha256">SHA-256 of the attested audit result file, or null (then the format is /1).</param>
public sealed record AuditorAttestation(string Auditor, AttestationAlgorithm Algorithm, byte[] PublicKey, string RoundId, byte[] ManifestSha256, byte[] ReportSha256, DateTimeOffset SignedAt, byte[] Signature, byte[]? AuditResultSha256 = null)
{
    /// <summary>The format id of an attestation without an audit result.</summary>
    public const string FormatVersion = "por-attestation/1";

    /// <summary>The format id of an attestation that also covers an audit result.</summary>
    public const string FormatVersionWithAudit = "por-attestation/2";

    /// <summary>This attestation's format id.</summary>
    public string Format => AuditResultSha256 is null ? FormatVersion : FormatVersionWithAudit;

    /// <summary>The exact text whose SHA-256 is signed (LF line ends, no trailing newline).</summary>
    public string SignedText => new StringBuilder()
        .Append(Format).Append('\n')
        .Append("auditor: ").Append(Auditor).Append('\n')
        .Append("algorithm: ").Append(AuditorKey.AlgorithmName(Algorithm)).Append('\n')
        .Append("public key: ").Append(Convert.ToHexStringLower(PublicKey)).Append('\n')
        .Append("round: ").Append(RoundId).Append('\n')
        .Append("manifest sha256: ").Append(Convert.ToHexStringLower(ManifestSha256)).Append('\n')
        .Append("report sha256: ").Append(Convert.ToHexStringLower(ReportSha256)).Append('\n')
        .Append(AuditResultSha256 is null ? "" : "audit result sha256: " + Convert.ToHexStringLower(AuditResultSha256) + "\n")
        .Append("signed at: ").Append(UtcTime.Format(SignedAt))
        .ToString();

    /// <summary>The 32-byte digest that is signed.</summary>
    public byte[] Digest => SHA256.HashData(Encoding.UTF8.GetBytes(SignedText));
}
