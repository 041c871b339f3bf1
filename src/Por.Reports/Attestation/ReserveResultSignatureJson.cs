// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports.Attestation;

/// <summary>Reads and writes "por-reserves-signature/1" files (docs/reserves.md §7.1).</summary>
public static class ReserveResultSignatureJson
{
    private static readonly string[] s_fields = ["format", "verifier", "algorithm", "public_key", "custodian", "round", "registry_sha256", "result_sha256", "signed_at", "digest", "signature"];

    /// <summary>Serialises a signature.</summary>
    /// <param name="signature">The signature.</param>
    /// <returns>UTF-8 JSON with a trailing newline.</returns>
    public static byte[] Serialize(ReserveResultSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return SignedFileJson.Serialize(ReserveResultSignature.FormatVersion, "verifier", signature.Verifier, signature.Algorithm, signature.PublicKey, w =>
        {
            w.WriteString("custodian", signature.Custodian);
            w.WriteString("round", signature.Round);
            w.WriteString("registry_sha256", Convert.ToHexStringLower(signature.RegistrySha256));
            w.WriteString("result_sha256", Convert.ToHexStringLower(signature.ResultSha256));
        }, signature.SignedAt, signature.Digest, signature.Signature);
    }

    /// <summary>Parses a signature file; "digest" is informational and must equal the recomputed digest.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InputException">Malformed file.</exception>
    public static ReserveResultSignature Parse(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, source, "", s_fields);
        if (!string.Equals(StrictJson.String(root, "format", source, ""), ReserveResultSignature.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"expected '{ReserveResultSignature.FormatVersion}'");
        }

        var (verifier, algorithm, publicKey) = SignedFileJson.ReadSigner(root, source, "verifier");
        var custodian = SignedFileJson.Line(root, "custodian", source);
        var round = SignedFileJson.Line(root, "round", source);
        var (signedAt, sig) = SignedFileJson.ReadSignature(root, source);
        var signature = new ReserveResultSignature(
            verifier,
            algorithm,
            publicKey,
            custodian,
            round,
            StrictJson.Hex(root, "registry_sha256", 32, source, ""),
            StrictJson.Hex(root, "result_sha256", 32, source, ""),
            signedAt,
            sig);
        return SignedFileJson.CheckDigest(root, source, signature, signature.Digest, "signed");
    }
}
