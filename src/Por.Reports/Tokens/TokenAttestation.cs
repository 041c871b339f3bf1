// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Reports.Attestation;

namespace Por.Reports.Tokens;

/// <summary>
/// An auditor's signed statement that a token report (por-token-report/1) is the one they checked
/// ("por-token-attestation/1", docs/token-por.md "Attestation"). The signature covers <see cref="Digest"/>: SHA-256 of a
/// fixed text naming the auditor, algorithm, public key, the report's token and measurement time, the report's SHA-256
/// and the signing time. Keys and signatures are those of the exchange attestations (<see cref="AuditorKey"/>).
/// </summary>
/// <param name="Auditor">Auditor name.</param>
/// <param name="Algorithm">Signature algorithm.</param>
/// <param name="PublicKey">The signing public key.</param>
/// <param name="TokenId">The report's token id.</param>
/// <param name="MeasuredAt">The report's measurement time.</param>
/// <param name="ReportSha256">SHA-256 of the report.json bytes.</param>
/// <param name="SignedAt">When it was signed (UTC, whole seconds).</param>
/// <param name="Signature">The signature over the digest.</param>
public sealed record TokenAttestation(string Auditor, AttestationAlgorithm Algorithm, byte[] PublicKey, string TokenId, DateTimeOffset MeasuredAt, byte[] ReportSha256, DateTimeOffset SignedAt, byte[] Signature)
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-token-attestation/1";

    /// <summary>The exact text whose SHA-256 is signed (LF line ends, no trailing newline).</summary>
    public string SignedText => new StringBuilder()
        .Append(FormatVersion).Append('\n')
        .Append("auditor: ").Append(Auditor).Append('\n')
        .Append("algorithm: ").Append(AuditorKey.AlgorithmName(Algorithm)).Append('\n')
        .Append("public key: ").Append(Convert.ToHexStringLower(PublicKey)).Append('\n')
        .Append("token: ").Append(TokenId).Append('\n')
        .Append("measured at: ").Append(UtcTime.Format(MeasuredAt)).Append('\n')
        .Append("report sha256: ").Append(Convert.ToHexStringLower(ReportSha256)).Append('\n')
        .Append("signed at: ").Append(UtcTime.Format(SignedAt))
        .ToString();

    /// <summary>The 32-byte digest that is signed.</summary>
    public byte[] Digest => SHA256.HashData(Encoding.UTF8.GetBytes(SignedText));
}
