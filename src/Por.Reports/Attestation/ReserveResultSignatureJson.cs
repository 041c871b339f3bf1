// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
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
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", ReserveResultSignature.FormatVersion);
            w.WriteString("verifier", signature.Verifier);
            w.WriteString("algorithm", AuditorKey.AlgorithmName(signature.Algorithm));
            w.WriteString("public_key", Convert.ToHexStringLower(signature.PublicKey));
            w.WriteString("custodian", signature.Custodian);
            w.WriteString("round", signature.Round);
            w.WriteString("registry_sha256", Convert.ToHexStringLower(signature.RegistrySha256));
            w.WriteString("result_sha256", Convert.ToHexStringLower(signature.ResultSha256));
            w.WriteString("signed_at", UtcTime.Format(signature.SignedAt));
            w.WriteString("digest", Convert.ToHexStringLower(signature.Digest));
            w.WriteString("signature", Convert.ToHexStringLower(signature.Signature));
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
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

        var verifier = StrictJson.String(root, "verifier", source, "");
        AuditorKey.CheckName(verifier, source);
        var algorithm = AuditorKey.ParseAlgorithm(StrictJson.String(root, "algorithm", source, ""), source);
        var signature = new ReserveResultSignature(
            verifier,
            algorithm,
            StrictJson.Hex(root, "public_key", AuditorKey.PublicKeySize(algorithm), source, ""),
            Line(root, "custodian", source),
            Line(root, "round", source),
            StrictJson.Hex(root, "registry_sha256", 32, source, ""),
            StrictJson.Hex(root, "result_sha256", 32, source, ""),
            StrictJson.Time(root, "signed_at", source, ""),
            StrictJson.Hex(root, "signature", 64, source, ""));
        var digest = StrictJson.Hex(root, "digest", 32, source, "");
        return digest.AsSpan().SequenceEqual(signature.Digest)
            ? signature
            : throw new InputException(source, 0, "digest", "does not match the digest of the signed fields");
    }

    private static string Line(JsonElement root, string name, string source)
    {
        var text = StrictJson.String(root, name, source, "");
        return text.Length > 0 && !text.Any(char.IsControl) ? text : throw new InputException(source, 0, name, "must be a non-empty single line");
    }
}
