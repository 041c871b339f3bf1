// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Crypto;
using Por.Crypto.Native;

namespace Por.Tokens.Statements;

/// <summary>
/// A statement signer's key files (docs/token-por.md "Reserve statements"): secret "por-statement-key/1"
/// <c>{format, algorithm, name, public_key, secret_key}</c> (mode 0600) and public "por-statement-public-key/1"
/// <c>{format, algorithm, name, public_key}</c>; keys in lowercase hex (Ed25519: 32-byte seed and 32-byte key;
/// secp256k1: 32-byte secret and 33-byte compressed key).
/// </summary>
/// <param name="Name">The signer's name (informational; statements carry their own <c>signer</c>).</param>
/// <param name="PublicKey">The public key.</param>
/// <param name="SecretKey">The secret key, or null for a public key file.</param>
public sealed record StatementKey(string Name, StatementPublicKey PublicKey, byte[]? SecretKey)
{
    /// <summary>Secret key file format id.</summary>
    public const string SecretFormat = "por-statement-key/1";

    /// <summary>Public key file format id.</summary>
    public const string PublicFormat = "por-statement-public-key/1";

    /// <summary>Generates a key from the OS CSPRNG.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="name">The signer's name (1–200 characters, no control characters).</param>
    /// <returns>The key with its secret.</returns>
    /// <exception cref="InputException">The name is not acceptable.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsodium or libsecp256k1 is missing.</exception>
    public static StatementKey Generate(StatementAlgorithm algorithm, string name)
    {
        ReserveStatement.CheckText(name, "name", "name", 200);
        var (secret, publicKey) = SigningKeyFile.Generate(ToSigning(algorithm));
        return new StatementKey(name, new StatementPublicKey(algorithm, publicKey), secret);
    }

    /// <summary>Signs a 32-byte digest: Ed25519, or compact low-S secp256k1 ECDSA (RFC 6979 nonce).</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The 64-byte signature.</returns>
    /// <exception cref="InvalidOperationException">This is a public key only.</exception>
    public byte[] SignDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var secret = SecretKey ?? throw new InvalidOperationException("signing needs the secret key file");
        return SigningKeyFile.SignDigest(ToSigning(PublicKey.Algorithm), secret, digest);
    }

    /// <summary>Serialises as a secret key file (when the secret is present) or a public key file.</summary>
    /// <param name="includeSecret">False to write the public key file of a secret key.</param>
    /// <returns>UTF-8 JSON with a final newline.</returns>
    public byte[] ToJson(bool includeSecret)
    {
        var secret = includeSecret ? SecretKey ?? throw new InvalidOperationException("no secret key to write") : null;
        return SigningKeyFile.ToJson(secret is null ? PublicFormat : SecretFormat, ToSigning(PublicKey.Algorithm), Name, PublicKey.Key, secret);
    }

    /// <summary>Reads a key file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireSecret">True for a secret key file, false for a public key file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">Malformed file, or the public key does not belong to the secret.</exception>
    public static StatementKey Read(string path, bool requireSecret)
    {
        ArgumentNullException.ThrowIfNull(path);
        var contents = SigningKeyFile.Read(path, requireSecret ? SecretFormat : PublicFormat, requireSecret);
        ReserveStatement.CheckText(contents.Name, path, "name", 200);
        var algorithm = contents.Algorithm == SigningAlgorithm.Ed25519 ? StatementAlgorithm.Ed25519 : StatementAlgorithm.Secp256k1;
        return new StatementKey(contents.Name, StatementPublicKey.Create(algorithm, contents.PublicKey, path, "public_key"), contents.SecretKey);
    }

    private static SigningAlgorithm ToSigning(StatementAlgorithm algorithm) =>
        algorithm == StatementAlgorithm.Ed25519 ? SigningAlgorithm.Ed25519 : SigningAlgorithm.Secp256k1;
}
