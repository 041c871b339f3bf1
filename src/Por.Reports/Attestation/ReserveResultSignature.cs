// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;

namespace Por.Reports.Attestation;

/// <summary>
/// The reserves verifier's signature over a "por-reserves-result/3" (or /2) file ("por-reserves-signature/1"), so a result
/// edited after verification is rejected by <c>por report</c>. The signature covers <see cref="Digest"/>: SHA-256 of a
/// fixed text naming the verifier, algorithm, public key, custodian, round, the registry's and the result file's
/// SHA-256 and the signing time.
/// </summary>
/// <param name="Verifier">Name of the verifier (the auditor's key name).</param>
/// <param name="Algorithm">Signature algorithm.</param>
/// <param name="PublicKey">The signing public key.</param>
/// <param name="Custodian">Custodian named in the result.</param>
/// <param name="Round">Round named in the result.</param>
/// <param name="RegistrySha256">SHA-256 of the registry the result was verified against.</param>
/// <param name="ResultSha256">SHA-256 of the result file's exact bytes.</param>
/// <param name="SignedAt">When it was signed (UTC, whole seconds).</param>
/// <param name="Signature">The signature over the digest.</param>
public sealed record ReserveResultSignature(string Verifier, AttestationAlgorithm Algorithm, byte[] PublicKey, string Custodian, string Round, byte[] RegistrySha256, byte[] ResultSha256, DateTimeOffset SignedAt, byte[] Signature)
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-reserves-signature/1";

    /// <summary>The exact text whose SHA-256 is signed (LF line ends, no trailing newline).</summary>
    public string SignedText => new StringBuilder()
        .Append(FormatVersion).Append('\n')
        .Append("verifier: ").Append(Verifier).Append('\n')
        .Append("algorithm: ").Append(AuditorKey.AlgorithmName(Algorithm)).Append('\n')
        .Append("public key: ").Append(Convert.ToHexStringLower(PublicKey)).Append('\n')
        .Append("custodian: ").Append(Custodian).Append('\n')
        .Append("round: ").Append(Round).Append('\n')
        .Append("registry sha256: ").Append(Convert.ToHexStringLower(RegistrySha256)).Append('\n')
        .Append("result sha256: ").Append(Convert.ToHexStringLower(ResultSha256)).Append('\n')
        .Append("signed at: ").Append(UtcTime.Format(SignedAt))
        .ToString();

    /// <summary>The 32-byte digest that is signed.</summary>
    public byte[] Digest => SHA256.HashData(Encoding.UTF8.GetBytes(SignedText));
}
