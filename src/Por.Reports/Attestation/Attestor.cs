// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
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
    /// <returns>The attestation.</returns>
    /// <exception cref="InvalidDataException">The report is not about this manifest's round and root.</exception>
    /// <exception cref="InputException">Malformed manifest or report.</exception>
    public static AuditorAttestation Sign(string manifestPath, string reportPath, AuditorKey key, DateTimeOffset signedAt)
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

        var unsigned = new AuditorAttestation(key.Name, key.Algorithm, key.PublicKey, roundId, SHA256.HashData(manifestBytes), SHA256.HashData(reportBytes),
            DateTimeOffset.FromUnixTimeSeconds(signedAt.ToUnixTimeSeconds()), new byte[64]);
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
    /// <returns>The outcome.</returns>
    /// <exception cref="InputException">Malformed manifest or report.</exception>
    public static AttestationCheck Verify(AuditorAttestation attestation, string manifestPath, string reportPath, AuditorKey trustedKey)
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
