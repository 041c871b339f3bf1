// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
using Por.Reserves;

namespace Por.Reports.Attestation;

/// <summary>Signs a reserves result with the verifier's (auditor's) key and checks such a signature against a trusted key.</summary>
public static class ReserveResultSigner
{
    /// <summary>Signs the exact bytes of a "por-reserves-result/3" (or /2) file.</summary>
    /// <param name="resultBytes">The result file's bytes, as written.</param>
    /// <param name="key">The verifier's key with its secret.</param>
    /// <param name="signedAt">Signing time (truncated to whole seconds).</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InputException">The bytes are not a reserves result.</exception>
    public static ReserveResultSignature Sign(byte[] resultBytes, AuditorKey key, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(resultBytes);
        ArgumentNullException.ThrowIfNull(key);
        if (key.SecretKey is null)
        {
            throw new ArgumentException("signing needs the secret key file", nameof(key));
        }

        var (custodian, round, registry) = Identify(resultBytes, "(result)");
        var unsigned = new ReserveResultSignature(key.Name, key.Algorithm, key.PublicKey, custodian, round, registry, SHA256.HashData(resultBytes),
            DateTimeOffset.FromUnixTimeSeconds(signedAt.ToUnixTimeSeconds()), new byte[64]);
        return unsigned with { Signature = key.SignDigest(unsigned.Digest) };
    }

    /// <summary>
    /// Checks a signature against the result bytes and the verifier's trusted key (from the reader, never from the
    /// signature): same algorithm, key and name; the file's SHA-256; the custodian, round and registry the file names;
    /// then the signature over the recomputed digest.
    /// </summary>
    /// <param name="signature">The parsed signature file.</param>
    /// <param name="resultBytes">The result file's bytes.</param>
    /// <param name="resultPath">The result file name (for errors).</param>
    /// <param name="trustedKey">The verifier's public key as the reader knows it.</param>
    /// <returns>The failure (None when every check held) and a message.</returns>
    /// <exception cref="InputException">The bytes are not a reserves result.</exception>
    public static (AttestationFailure Failure, string Message) Verify(ReserveResultSignature signature, byte[] resultBytes, string resultPath, AuditorKey trustedKey)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(resultBytes);
        ArgumentNullException.ThrowIfNull(trustedKey);
        if (signature.Algorithm != trustedKey.Algorithm || !signature.PublicKey.AsSpan().SequenceEqual(trustedKey.PublicKey))
        {
            return (AttestationFailure.KeyMismatch, $"signed with {AuditorKey.AlgorithmName(signature.Algorithm)} key {Convert.ToHexStringLower(signature.PublicKey)}, not the trusted key of {trustedKey.Name}");
        }

        if (!string.Equals(signature.Verifier, trustedKey.Name, StringComparison.Ordinal))
        {
            return (AttestationFailure.AuditorMismatch, $"names verifier '{signature.Verifier}', the trusted key belongs to '{trustedKey.Name}'");
        }

        if (!SHA256.HashData(resultBytes).AsSpan().SequenceEqual(signature.ResultSha256))
        {
            return (AttestationFailure.ResultDigestMismatch, $"{resultPath} is not the reserves result that was signed (SHA-256 differs): it was edited after verification");
        }

        var (custodian, round, registry) = Identify(resultBytes, resultPath);
        if (!string.Equals(custodian, signature.Custodian, StringComparison.Ordinal) || !string.Equals(round, signature.Round, StringComparison.Ordinal) || !registry.AsSpan().SequenceEqual(signature.RegistrySha256))
        {
            return (AttestationFailure.ResultMismatch, "the signature names another custodian, round or registry than the result file");
        }

        var digest = signature.Digest;
        var valid = trustedKey.VerifyDigest(digest, signature.Signature);
        return valid
            ? (AttestationFailure.None, $"{trustedKey.Name} signed the reserves result of {custodian}, round {round}")
            : (AttestationFailure.SignatureInvalid, "the signature does not verify over the digest with the trusted key");
    }

    private static (string Custodian, string Round, byte[] Registry) Identify(byte[] resultBytes, string source)
    {
        using var document = StrictJson.Parse(resultBytes, source);
        var root = document.RootElement;
        // por-reserves-result/3 names it registry_sha256; results of earlier releases (/2) registrySha256.
        var field = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            && string.Equals(format.GetString(), ReserveResultJson.LegacyFormatVersion, StringComparison.Ordinal)
            ? "registrySha256"
            : "registry_sha256";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("custodian", out _) || !root.TryGetProperty("round", out _) || !root.TryGetProperty(field, out _))
        {
            throw new InputException(source, 0, "", $"not a reserves result (custodian, round and {field} are required)");
        }

        var registry = StrictJson.String(root, field, source, "");
        if (registry.Length != 64 || !registry.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            throw new InputException(source, 0, field, "expected 32 bytes as 64 lowercase hex digits");
        }

        return (StrictJson.String(root, "custodian", source, ""), StrictJson.String(root, "round", source, ""), Convert.FromHexString(registry));
    }
}
