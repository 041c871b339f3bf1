// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
using Por.Reports.Attestation;

namespace Por.Reports.Tokens;

/// <summary>Signs, writes, reads and verifies auditor attestations over token reports (por-token-attestation/1).</summary>
public static class TokenAttestor
{
    private static readonly string[] s_fields = ["format", "auditor", "algorithm", "public_key", "token_id", "measured_at", "report_sha256", "signed_at", "digest", "signature"];

    /// <summary>Signs a token report.</summary>
    /// <param name="reportPath">The por-token-report/1 file.</param>
    /// <param name="key">The auditor's key with its secret.</param>
    /// <param name="signedAt">The signing time (truncated to whole seconds).</param>
    /// <returns>The attestation.</returns>
    /// <exception cref="InputException">The report is not a well-formed por-token-report/1.</exception>
    public static TokenAttestation Sign(string reportPath, AuditorKey key, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.SecretKey is null)
        {
            throw new ArgumentException("signing needs the secret key file", nameof(key));
        }

        var bytes = File.ReadAllBytes(reportPath);
        var (token, measuredAt) = TokenReportJson.ReadSubject(bytes, reportPath);
        var unsigned = new TokenAttestation(key.Name, key.Algorithm, key.PublicKey, token, measuredAt, SHA256.HashData(bytes),
            DateTimeOffset.FromUnixTimeSeconds(signedAt.ToUnixTimeSeconds()), new byte[64]);
        return unsigned with { Signature = key.SignDigest(unsigned.Digest) };
    }

    /// <summary>
    /// Verifies an attestation against the report and the auditor's trusted public key (from the verifier, never from the
    /// attestation), in order: same algorithm and key, same auditor name, the report's SHA-256, the report about the
    /// attested token and measurement time, then the signature over the recomputed digest.
    /// </summary>
    /// <param name="attestation">The attestation.</param>
    /// <param name="reportPath">The report.json.</param>
    /// <param name="trustedKey">The auditor's public key as the verifier knows it.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InputException">The report is not a well-formed por-token-report/1.</exception>
    public static TokenAttestationCheck Verify(TokenAttestation attestation, string reportPath, AuditorKey trustedKey)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(trustedKey);
        TokenAttestationCheck Fail(AttestationFailure failure, string why) => new(failure, why, attestation);
        if (attestation.Algorithm != trustedKey.Algorithm || !attestation.PublicKey.AsSpan().SequenceEqual(trustedKey.PublicKey))
        {
            return Fail(AttestationFailure.KeyMismatch, $"signed with {AuditorKey.AlgorithmName(attestation.Algorithm)} key {Convert.ToHexStringLower(attestation.PublicKey)}, not the trusted key of {trustedKey.Name}");
        }

        if (!string.Equals(attestation.Auditor, trustedKey.Name, StringComparison.Ordinal))
        {
            return Fail(AttestationFailure.AuditorMismatch, $"names auditor '{attestation.Auditor}', the trusted key belongs to '{trustedKey.Name}'");
        }

        var bytes = File.ReadAllBytes(reportPath);
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(attestation.ReportSha256))
        {
            return Fail(AttestationFailure.ReportDigestMismatch, $"{reportPath} is not the report that was attested (SHA-256 differs)");
        }

        var (token, measuredAt) = TokenReportJson.ReadSubject(bytes, reportPath);
        if (!string.Equals(token, attestation.TokenId, StringComparison.Ordinal) || measuredAt != attestation.MeasuredAt)
        {
            return Fail(AttestationFailure.TokenMismatch, $"{reportPath} is about token '{token}' at {UtcTime.Format(measuredAt)}, the attestation names '{attestation.TokenId}' at {UtcTime.Format(attestation.MeasuredAt)}");
        }

        return trustedKey.VerifyDigest(attestation.Digest, attestation.Signature)
            ? new TokenAttestationCheck(AttestationFailure.None, $"{trustedKey.Name} attested the report of token {token} at {UtcTime.Format(measuredAt)}; the signature verifies with the trusted key", attestation)
            : Fail(AttestationFailure.SignatureInvalid, "the signature does not verify over the digest with the trusted key");
    }

    /// <summary>Serialises an attestation.</summary>
    /// <param name="attestation">The attestation.</param>
    /// <returns>UTF-8 JSON with a trailing newline.</returns>
    public static byte[] Serialize(TokenAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        return SignedFileJson.Serialize(TokenAttestation.FormatVersion, "auditor", attestation.Auditor, attestation.Algorithm, attestation.PublicKey, w =>
        {
            w.WriteString("token_id", attestation.TokenId);
            w.WriteString("measured_at", UtcTime.Format(attestation.MeasuredAt));
            w.WriteString("report_sha256", Convert.ToHexStringLower(attestation.ReportSha256));
        }, attestation.SignedAt, attestation.Digest, attestation.Signature);
    }

    /// <summary>Whether a JSON document names the format por-token-attestation/1 (to pick the reader).</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>True for a token attestation.</returns>
    public static bool IsTokenAttestation(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
            && string.Equals(f.GetString(), TokenAttestation.FormatVersion, StringComparison.Ordinal);
    }

    /// <summary>Parses an attestation file strictly. The "digest" field must equal the recomputed digest.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>The attestation.</returns>
    /// <exception cref="InputException">Malformed file.</exception>
    public static TokenAttestation Parse(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, source, "", s_fields);
        if (!string.Equals(StrictJson.String(root, "format", source, ""), TokenAttestation.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"expected '{TokenAttestation.FormatVersion}'");
        }

        var (auditor, algorithm, publicKey) = SignedFileJson.ReadSigner(root, source, "auditor");
        var token = SignedFileJson.Line(root, "token_id", source);
        var measuredAt = StrictJson.Time(root, "measured_at", source, "");
        var reportSha256 = StrictJson.Hex(root, "report_sha256", 32, source, "");
        var (signedAt, signature) = SignedFileJson.ReadSignature(root, source);
        var attestation = new TokenAttestation(auditor, algorithm, publicKey, token, measuredAt, reportSha256, signedAt, signature);
        return SignedFileJson.CheckDigest(root, source, attestation, attestation.Digest, "attested");
    }
}
