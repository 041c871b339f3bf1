// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Audit;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Reports.Attestation;

/// <summary>Signs and verifies auditor attestations over a round manifest and its report.</summary>
public static class Attestor
{
    /// <summary>Signs the digest of a manifest and a report.</summary>
    /// <param name="manifestPath">The round's manifest.json.</param>
    /// <param name="reportPath">The report.json.</param>
    /// <param name="key">The auditor's key with its secret.</param>
    /// <param name="signedAt">The signing time (truncated to whole seconds).</param>
    /// <param name="auditResultPath">An audit result ("por-audit-result/1") to attest as well (the attestation is then
    /// "por-attestation/2"), or null.</param>
    /// <returns>The attestation.</returns>
    /// <exception cref="InvalidDataException">The report or the audit result is not about this manifest's round and root.</exception>
    /// <exception cref="InputException">Malformed manifest, report or audit result.</exception>
    public static AuditorAttestation Sign(string manifestPath, string reportPath, AuditorKey key, DateTimeOffset signedAt, string? auditResultPath = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.SecretKey is null)
        {
            throw new ArgumentException("signing needs the secret key file", nameof(key));
        }

        var manifestBytes = File.ReadAllBytes(manifestPath);
        var reportBytes = File.ReadAllBytes(reportPath);
        var (roundId, pairError) = CheckPair(manifestPath, reportPath, reportBytes);
        if (pairError is not null)
        {
            // A refusal to sign a mismatched pair is a failed check (exit 1), not bad input.
            throw new InvalidDataException(pairError);
        }

        byte[]? auditSha = null;
        if (auditResultPath is not null)
        {
            var auditBytes = File.ReadAllBytes(auditResultPath);
            if (CheckAudit(manifestPath, auditResultPath, auditBytes) is { } auditError)
            {
                throw new InvalidDataException(auditError);
            }

            auditSha = SHA256.HashData(auditBytes);
        }

        var unsigned = new AuditorAttestation(key.Name, key.Algorithm, key.PublicKey, roundId, SHA256.HashData(manifestBytes), SHA256.HashData(reportBytes),
            DateTimeOffset.FromUnixTimeSeconds(signedAt.ToUnixTimeSeconds()), new byte[64], auditSha);
        return unsigned with { Signature = key.SignDigest(unsigned.Digest) };
    }

    /// <summary>
    /// Verifies an attestation against the files and the auditor's trusted public key (from the verifier, never from
    /// the attestation): same algorithm and key, the files' SHA-256, the report about this manifest's round and root,
    /// then the signature over the recomputed digest.
    /// </summary>
    /// <param name="attestation">The attestation.</param>
    /// <param name="manifestPath">The round's manifest.json.</param>
    /// <param name="reportPath">The report.json.</param>
    /// <param name="trustedKey">The auditor's public key as the verifier knows it.</param>
    /// <param name="auditResultPath">The audit result the attestation covers (required for "por-attestation/2"), or null.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InputException">Malformed manifest, report or audit result, or a por-attestation/2 checked without its audit result.</exception>
    public static AttestationCheck Verify(AuditorAttestation attestation, string manifestPath, string reportPath, AuditorKey trustedKey, string? auditResultPath = null)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(trustedKey);
        AttestationCheck Fail(AttestationFailure failure, string why) => new(failure, why, attestation);
        if (attestation.Algorithm != trustedKey.Algorithm || !attestation.PublicKey.AsSpan().SequenceEqual(trustedKey.PublicKey))
        {
            return Fail(AttestationFailure.KeyMismatch, $"signed with {AuditorKey.AlgorithmName(attestation.Algorithm)} key {Convert.ToHexStringLower(attestation.PublicKey)}, not the trusted key of {trustedKey.Name}");
        }

        if (!string.Equals(attestation.Auditor, trustedKey.Name, StringComparison.Ordinal))
        {
            return Fail(AttestationFailure.AuditorMismatch, $"names auditor '{attestation.Auditor}', the trusted key belongs to '{trustedKey.Name}'");
        }

        if (!SHA256.HashData(File.ReadAllBytes(manifestPath)).AsSpan().SequenceEqual(attestation.ManifestSha256))
        {
            return Fail(AttestationFailure.ManifestDigestMismatch, $"{manifestPath} is not the manifest that was attested (SHA-256 differs)");
        }

        var reportBytes = File.ReadAllBytes(reportPath);
        if (!SHA256.HashData(reportBytes).AsSpan().SequenceEqual(attestation.ReportSha256))
        {
            return Fail(AttestationFailure.ReportDigestMismatch, $"{reportPath} is not the report that was attested (SHA-256 differs)");
        }

        var (roundId, pairError) = CheckPair(manifestPath, reportPath, reportBytes);
        if (pairError is not null)
        {
            return Fail(AttestationFailure.ReportRoundMismatch, pairError);
        }

        if (!string.Equals(roundId, attestation.RoundId, StringComparison.Ordinal))
        {
            return Fail(AttestationFailure.RoundMismatch, $"attests round '{attestation.RoundId}', the manifest is round '{roundId}'");
        }

        if (attestation.AuditResultSha256 is { } attestedAudit)
        {
            if (auditResultPath is null)
            {
                throw new InputException("--audit-result", 0, "", $"this attestation ({AuditorAttestation.FormatVersionWithAudit}) also covers an audit result: give that file");
            }

            var auditBytes = File.ReadAllBytes(auditResultPath);
            if (!SHA256.HashData(auditBytes).AsSpan().SequenceEqual(attestedAudit))
            {
                return Fail(AttestationFailure.AuditResultDigestMismatch, $"{auditResultPath} is not the audit result that was attested (SHA-256 differs)");
            }

            if (CheckAudit(manifestPath, auditResultPath, auditBytes) is { } auditError)
            {
                return Fail(AttestationFailure.AuditResultRoundMismatch, auditError);
            }
        }
        else if (auditResultPath is not null)
        {
            return Fail(AttestationFailure.AuditResultNotAttested, $"the attestation ({AuditorAttestation.FormatVersion}) covers no audit result, so it does not attest {auditResultPath}");
        }

        var digest = attestation.Digest;
        var valid = trustedKey.VerifyDigest(digest, attestation.Signature);
        return valid
            ? new AttestationCheck(AttestationFailure.None, $"{trustedKey.Name} attested round {roundId}; the signature verifies with the trusted key", attestation)
            : Fail(AttestationFailure.SignatureInvalid, "the signature does not verify over the digest with the trusted key");
    }

    /// <summary>Checks that the report is about the manifest's round and root (either mode); returns the manifest's round
    /// id and, when the report is about another round or root, why.</summary>
    private static (string RoundId, string? Error) CheckPair(string manifestPath, string reportPath, byte[] reportBytes)
    {
        var (roundId, root) = RoundAndRoot(manifestPath);
        string? reportRound = null;
        string? reportRoot = null;
        try
        {
            // Strict about text: a string that cannot be decoded is a located input error, not an exception on read.
            using var report = StrictJson.Parse(reportBytes, reportPath);
            if (report.RootElement.ValueKind == JsonValueKind.Object && report.RootElement.TryGetProperty("round", out var round) && round.ValueKind == JsonValueKind.Object)
            {
                reportRound = round.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                reportRoot = round.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            }
        }
        catch (JsonException e)
        {
            throw new InputException(reportPath, (e.LineNumber ?? -1) + 1, "", $"malformed JSON: {e.Message}");
        }

        if (!string.Equals(reportRound, roundId, StringComparison.Ordinal) || !string.Equals(reportRoot, root, StringComparison.Ordinal))
        {
            return (roundId, $"{reportPath} is about round '{reportRound}' root {reportRoot}, not the manifest's round '{roundId}' root {root}");
        }

        return (roundId, null);
    }

    /// <summary>Parses an audit result strictly and checks that it is about the manifest's round; returns why not, or null.</summary>
    private static string? CheckAudit(string manifestPath, string auditResultPath, byte[] auditBytes)
    {
        var audit = AuditResultJson.Parse(auditBytes, auditResultPath);
        var round = AuditRound.Read(manifestPath);
        return round.SameAs(audit.Round)
            ? null
            : $"{auditResultPath} is about round '{audit.Round.Id}' root {Convert.ToHexStringLower(audit.Round.Root)}, not the manifest's round '{round.Id}' root {Convert.ToHexStringLower(round.Root)}";
    }

    /// <summary>The round id and the root (as report.json prints it) of a transparent or zk manifest, read strictly.</summary>
    private static (string RoundId, string Root) RoundAndRoot(string manifestPath)
    {
        if (RoundModes.ReadManifest(manifestPath) == RoundMode.Zk)
        {
            var zk = ZkRoundManifestJson.Read(manifestPath).Header;
            return (zk.RoundId, Convert.ToHexStringLower([.. zk.Root]));
        }

        var header = RoundManifestJson.Read(manifestPath).Header;
        return (header.RoundId, Convert.ToHexStringLower([.. header.Root]));
    }
}
