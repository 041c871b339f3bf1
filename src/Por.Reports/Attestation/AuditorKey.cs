// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Crypto;
using Por.Crypto.Native;

namespace Por.Reports.Attestation;

/// <summary>
/// An auditor's key. Files (docs/report.md): secret "por-auditor-key/1" <c>{format, algorithm, name, public_key,
/// secret_key}</c> and public "por-auditor-public-key/1" <c>{format, algorithm, name, public_key}</c>, keys in
/// lowercase hex (Ed25519: 32-byte seed / 32-byte key; secp256k1: 32-byte secret / 33-byte compressed key).
/// </summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Name">The auditor's name as it appears in attestations.</param>
/// <param name="PublicKey">The public key.</param>
/// <param name="SecretKey">The secret key, or null for a public key file.</param>
public sealed record AuditorKey(AttestationAlgorithm Algorithm, string Name, byte[] PublicKey, byte[]? SecretKey)
{
    /// <summary>Secret key file format id.</summary>
    public const string SecretFormat = "por-auditor-key/1";

    /// <summary>Public key file format id.</summary>
    public const string PublicFormat = "por-auditor-public-key/1";

    /// <summary>Generates a key from the OS CSPRNG.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="name">The auditor's name (no control characters).</param>
    /// <returns>The key with its secret.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsodium or libsecp256k1 is missing.</exception>
    public static AuditorKey Generate(AttestationAlgorithm algorithm, string name)
    {
        CheckName(name, "name");
        var (secret, publicKey) = SigningKeyFile.Generate(ToSigning(algorithm));
        return new AuditorKey(algorithm, name, publicKey, secret);
    }

    /// <summary>The public half of this key.</summary>
    /// <returns>A key without secret.</returns>
    public AuditorKey Public() => this with { SecretKey = null };

    /// <summary>Serialises as a secret key file (when the secret is present) or a public key file.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToJson() =>
        SigningKeyFile.ToJson(SecretKey is null ? PublicFormat : SecretFormat, ToSigning(Algorithm), Name, PublicKey, SecretKey);

    /// <summary>Reads a key file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireSecret">True to require a secret key file, false to require a public key file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">Malformed file, or the public key does not match the secret.</exception>
    public static AuditorKey Read(string path, bool requireSecret)
    {
        var contents = SigningKeyFile.Read(path, requireSecret ? SecretFormat : PublicFormat, requireSecret);
        CheckName(contents.Name, path);
        var algorithm = contents.Algorithm == SigningAlgorithm.Ed25519 ? AttestationAlgorithm.Ed25519 : AttestationAlgorithm.Secp256k1;
        return new AuditorKey(algorithm, contents.Name, contents.PublicKey, contents.SecretKey);
    }

    /// <summary>The file name of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>"ed25519" or "secp256k1".</returns>
    public static string AlgorithmName(AttestationAlgorithm algorithm) => algorithm == AttestationAlgorithm.Ed25519 ? "ed25519" : "secp256k1";

    /// <summary>Parses an algorithm name.</summary>
    /// <param name="text">"ed25519" or "secp256k1".</param>
    /// <param name="source">File or option for errors.</param>
    /// <returns>The algorithm.</returns>
    /// <exception cref="InputException">Unknown name.</exception>
    public static AttestationAlgorithm ParseAlgorithm(string text, string source) => text switch
    {
        "ed25519" => AttestationAlgorithm.Ed25519,
        "secp256k1" => AttestationAlgorithm.Secp256k1,
        _ => throw new InputException(source, 0, "algorithm", $"'{text}' is not ed25519 or secp256k1"),
    };

    /// <summary>Public key size of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>32 or 33.</returns>
    public static int PublicKeySize(AttestationAlgorithm algorithm) => algorithm == AttestationAlgorithm.Ed25519 ? Ed25519.PublicKeySize : Secp256k1.CompressedPublicKeySize;

    /// <summary>Signs a 32-byte digest: Ed25519 (RFC 8032) or 64-byte compact secp256k1 ECDSA.</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The 64-byte signature.</returns>
    /// <exception cref="InvalidOperationException">This is a public key only.</exception>
    public byte[] SignDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var secret = SecretKey ?? throw new InvalidOperationException("signing needs the secret key file");
        return SigningKeyFile.SignDigest(ToSigning(Algorithm), secret, digest);
    }

    /// <summary>Verifies a 64-byte signature over a 32-byte digest with this key.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>Whether it verifies.</returns>
    public bool VerifyDigest(byte[] digest, byte[] signature) => Algorithm == AttestationAlgorithm.Ed25519
        ? Ed25519.Verify(digest, signature, PublicKey)
        : Secp256k1.VerifyCompact(digest, signature, PublicKey);

    internal static void CheckName(string name, string source)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            throw new InputException(source, 0, "name", "the auditor name must be 1–200 characters without control characters");
        }
    }

    private static SigningAlgorithm ToSigning(AttestationAlgorithm algorithm) =>
        algorithm == AttestationAlgorithm.Ed25519 ? SigningAlgorithm.Ed25519 : SigningAlgorithm.Secp256k1;
}
