// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Reports.Attestation;

/// <summary>
/// The one writer and reader of por's signed statement files (por-attestation/1 and /2, por-reserves-signature/1,
/// por-token-attestation/1): <c>format</c>, the signer's name (<c>auditor</c> or <c>verifier</c>), <c>algorithm</c>,
/// <c>public_key</c>, the subject's fields, then <c>signed_at</c>, <c>digest</c> and <c>signature</c>. The <c>digest</c>
/// field is informational: a reader refuses a file whose digest is not the one recomputed from its fields.
/// </summary>
internal static class SignedFileJson
{
    /// <summary>Serialises a signed file (indented UTF-8 JSON with a trailing newline).</summary>
    /// <param name="format">The format id.</param>
    /// <param name="signerField">The signer's field name (<c>auditor</c>, <c>verifier</c>).</param>
    /// <param name="signer">The signer's name.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="publicKey">The public key.</param>
    /// <param name="subject">Writes the subject's fields.</param>
    /// <param name="signedAt">The signing time.</param>
    /// <param name="digest">The signed digest.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(
        string format, string signerField, string signer, AttestationAlgorithm algorithm, byte[] publicKey, Action<Utf8JsonWriter> subject, DateTimeOffset signedAt, byte[] digest, byte[] signature)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", format);
            w.WriteString(signerField, signer);
            w.WriteString("algorithm", AuditorKey.AlgorithmName(algorithm));
            w.WriteString("public_key", Convert.ToHexStringLower(publicKey));
            subject(w);
            w.WriteString("signed_at", UtcTime.Format(signedAt));
            w.WriteString("digest", Convert.ToHexStringLower(digest));
            w.WriteString("signature", Convert.ToHexStringLower(signature));
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads the signer: its name (checked as an auditor name), the algorithm and the public key of the algorithm's size.</summary>
    /// <param name="root">The file's root object (its fields already checked).</param>
    /// <param name="source">File name for errors.</param>
    /// <param name="signerField">The signer's field name.</param>
    /// <returns>Name, algorithm, key.</returns>
    /// <exception cref="InputException">A malformed field.</exception>
    public static (string Signer, AttestationAlgorithm Algorithm, byte[] PublicKey) ReadSigner(JsonElement root, string source, string signerField)
    {
        var signer = StrictJson.String(root, signerField, source, "");
        AuditorKey.CheckName(signer, source);
        var algorithm = AuditorKey.ParseAlgorithm(StrictJson.String(root, "algorithm", source, ""), source);
        return (signer, algorithm, StrictJson.Hex(root, "public_key", AuditorKey.PublicKeySize(algorithm), source, ""));
    }

    /// <summary>The signing time and the 64-byte signature.</summary>
    /// <param name="root">The root object.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>Time and signature.</returns>
    public static (DateTimeOffset SignedAt, byte[] Signature) ReadSignature(JsonElement root, string source) =>
        (StrictJson.Time(root, "signed_at", source, ""), StrictJson.Hex(root, "signature", 64, source, ""));

    /// <summary>A non-empty single line of text.</summary>
    /// <param name="root">The root object.</param>
    /// <param name="name">The field.</param>
    /// <param name="source">File name for errors.</param>
    /// <returns>The text.</returns>
    public static string Line(JsonElement root, string name, string source)
    {
        var text = StrictJson.String(root, name, source, "");
        return text.Length > 0 && !text.Any(char.IsControl) ? text : throw new InputException(source, 0, name, "must be a non-empty single line");
    }

    /// <summary>Returns <paramref name="parsed"/> when the file's <c>digest</c> is <paramref name="digest"/>, the one recomputed from its fields.</summary>
    /// <typeparam name="T">The parsed file.</typeparam>
    /// <param name="root">The root object.</param>
    /// <param name="source">File name for errors.</param>
    /// <param name="parsed">The parsed file.</param>
    /// <param name="digest">Its recomputed digest.</param>
    /// <param name="what">"attested" or "signed".</param>
    /// <returns><paramref name="parsed"/>.</returns>
    /// <exception cref="InputException">The digests differ.</exception>
    public static T CheckDigest<T>(JsonElement root, string source, T parsed, byte[] digest, string what) =>
        StrictJson.Hex(root, "digest", 32, source, "").AsSpan().SequenceEqual(digest)
            ? parsed
            : throw new InputException(source, 0, "digest", $"does not match the digest of the {what} fields");
}
