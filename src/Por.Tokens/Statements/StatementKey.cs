// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
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
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            try
            {
                return new StatementKey(name, new StatementPublicKey(algorithm, DerivePublicKey(algorithm, secret)), secret);
            }
            catch (ArgumentException)
            {
                // A secp256k1 secret ≥ the group order (probability ~2^-128): draw again.
            }
        }
    }

    /// <summary>Signs a 32-byte digest: Ed25519, or compact low-S secp256k1 ECDSA (RFC 6979 nonce).</summary>
    /// <param name="digest">The digest.</param>
    /// <returns>The 64-byte signature.</returns>
    /// <exception cref="InvalidOperationException">This is a public key only.</exception>
    public byte[] SignDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var secret = SecretKey ?? throw new InvalidOperationException("signing needs the secret key file");
        return PublicKey.Algorithm == StatementAlgorithm.Ed25519 ? Ed25519.Sign(secret, digest).Signature : Secp256k1.SignRecoverable(digest, secret).Signature;
    }

    /// <summary>Serialises as a secret key file (when the secret is present) or a public key file.</summary>
    /// <param name="includeSecret">False to write the public key file of a secret key.</param>
    /// <returns>UTF-8 JSON with a final newline.</returns>
    public byte[] ToJson(bool includeSecret)
    {
        var secret = includeSecret ? SecretKey ?? throw new InvalidOperationException("no secret key to write") : null;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", secret is null ? PublicFormat : SecretFormat);
            w.WriteString("algorithm", StatementPublicKey.AlgorithmName(PublicKey.Algorithm));
            w.WriteString("name", Name);
            w.WriteString("public_key", Convert.ToHexStringLower(PublicKey.Key));
            if (secret is not null)
            {
                w.WriteString("secret_key", Convert.ToHexStringLower(secret));
            }

            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads a key file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="requireSecret">True for a secret key file, false for a public key file.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">Malformed file, or the public key does not belong to the secret.</exception>
    public static StatementKey Read(string path, bool requireSecret)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var document = StrictJson.Parse(File.ReadAllBytes(path), path);
        var root = document.RootElement;
        var format = requireSecret ? SecretFormat : PublicFormat;
        StrictJson.ExpectObject(root, path, "", requireSecret ? ["format", "algorithm", "name", "public_key", "secret_key"] : ["format", "algorithm", "name", "public_key"]);
        if (!string.Equals(StrictJson.String(root, "format", path, ""), format, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "format", $"expected '{format}'");
        }

        var algorithmText = StrictJson.String(root, "algorithm", path, "");
        if (!StatementPublicKey.TryParseAlgorithm(algorithmText, out var algorithm))
        {
            throw new InputException(path, 0, "algorithm", $"'{algorithmText}' is not ed25519 or secp256k1");
        }

        var name = StrictJson.String(root, "name", path, "");
        ReserveStatement.CheckText(name, path, "name", 200);
        var publicKey = StatementPublicKey.Create(algorithm, StrictJson.Hex(root, "public_key", StatementPublicKey.KeySize(algorithm), path, ""), path, "public_key");
        if (!requireSecret)
        {
            return new StatementKey(name, publicKey, null);
        }

        var secret = StrictJson.Hex(root, "secret_key", 32, path, "");
        byte[] derived;
        try
        {
            derived = DerivePublicKey(algorithm, secret);
        }
        catch (ArgumentException)
        {
            throw new InputException(path, 0, "secret_key", "not a valid secret key");
        }

        return derived.AsSpan().SequenceEqual(publicKey.Key)
            ? new StatementKey(name, publicKey, secret)
            : throw new InputException(path, 0, "public_key", "does not belong to secret_key");
    }

    private static byte[] DerivePublicKey(StatementAlgorithm algorithm, byte[] secret) => algorithm == StatementAlgorithm.Ed25519
        ? Ed25519.Sign(secret, []).PublicKey
        : Secp256k1.CreatePublicKey(secret, compressed: true);
}
