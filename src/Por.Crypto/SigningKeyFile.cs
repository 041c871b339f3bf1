// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
using Por.Crypto.Native;

namespace Por.Crypto;

/// <summary>
/// The file shape that every por signing key shares (auditor keys, reserve-statement signer keys; each with its own
/// format ids): a secret key file <c>{format, algorithm, name, public_key, secret_key}</c> and a public key file
/// <c>{format, algorithm, name, public_key}</c>, algorithm "ed25519" or "secp256k1", keys in lowercase hex, with the
/// key generation, derivation and digest signing that go with it.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>The file name of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>"ed25519" or "secp256k1".</returns>
    public static string AlgorithmName(SigningAlgorithm algorithm) => algorithm == SigningAlgorithm.Ed25519 ? "ed25519" : "secp256k1";

    /// <summary>Parses an algorithm name.</summary>
    /// <param name="text">The name.</param>
    /// <param name="algorithm">The algorithm, when the name is known.</param>
    /// <returns>Whether the name is "ed25519" or "secp256k1".</returns>
    public static bool TryParseAlgorithm(string? text, out SigningAlgorithm algorithm)
    {
        (var known, algorithm) = text switch
        {
            "ed25519" => (true, SigningAlgorithm.Ed25519),
            "secp256k1" => (true, SigningAlgorithm.Secp256k1),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The public key size of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>32 or 33.</returns>
    public static int PublicKeySize(SigningAlgorithm algorithm) => algorithm == SigningAlgorithm.Ed25519 ? Ed25519.PublicKeySize : Secp256k1.CompressedPublicKeySize;

    /// <summary>Draws a secret key from the OS CSPRNG.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The secret key and its public key.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsodium or libsecp256k1 is missing.</exception>
    public static (byte[] SecretKey, byte[] PublicKey) Generate(SigningAlgorithm algorithm)
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            try
            {
                return (secret, DerivePublicKey(algorithm, secret));
            }
            catch (ArgumentException)
            {
                // A secp256k1 secret ≥ the group order (probability ~2^-128): draw again.
            }
        }
    }

    /// <summary>The public key of a secret key.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="secret">The 32-byte secret.</param>
    /// <returns>The public key.</returns>
    /// <exception cref="ArgumentException">Not a valid secret key.</exception>
    public static byte[] DerivePublicKey(SigningAlgorithm algorithm, byte[] secret) => algorithm == SigningAlgorithm.Ed25519
        ? Ed25519.Sign(secret, []).PublicKey
        : Secp256k1.CreatePublicKey(secret, compressed: true);

    /// <summary>Signs a 32-byte digest: Ed25519, or 64-byte compact low-S secp256k1 ECDSA (RFC 6979 nonce).</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="secret">The secret key.</param>
    /// <param name="digest">The digest.</param>
    /// <returns>The 64-byte signature.</returns>
    public static byte[] SignDigest(SigningAlgorithm algorithm, byte[] secret, byte[] digest) => algorithm == SigningAlgorithm.Ed25519
        ? Ed25519.Sign(secret, digest).Signature
        : Secp256k1.SignRecoverable(digest, secret).Signature;

    /// <summary>Serialises a key file: the secret key file when <paramref name="secretKey"/> is given, else the public one.</summary>
    /// <param name="format">The file's format id.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="name">The key holder's name.</param>
    /// <param name="publicKey">The public key.</param>
    /// <param name="secretKey">The secret key, or null.</param>
    /// <returns>UTF-8 JSON with a final newline.</returns>
    public static byte[] ToJson(string format, SigningAlgorithm algorithm, string name, byte[] publicKey, byte[]? secretKey)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", format);
            w.WriteString("algorithm", AlgorithmName(algorithm));
            w.WriteString("name", name);
            w.WriteString("public_key", Convert.ToHexStringLower(publicKey));
            if (secretKey is not null)
            {
                w.WriteString("secret_key", Convert.ToHexStringLower(secretKey));
            }

            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>
    /// Reads a key file of the given format: exactly its fields, a known algorithm, a public key of the algorithm's
    /// size (secp256k1: a valid compressed point) and, in a secret key file, a secret whose public key is that one.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The format id the file must have.</param>
    /// <param name="requireSecret">True for a secret key file, false for a public key file.</param>
    /// <returns>The contents; the name is not checked.</returns>
    /// <exception cref="InputException">Malformed file, or the public key does not belong to the secret.</exception>
    public static SigningKeyFileContents Read(string path, string format, bool requireSecret)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(format);
        using var document = StrictJson.Parse(File.ReadAllBytes(path), path);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, path, "", requireSecret ? ["format", "algorithm", "name", "public_key", "secret_key"] : ["format", "algorithm", "name", "public_key"]);
        if (!string.Equals(StrictJson.String(root, "format", path, ""), format, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "format", $"expected '{format}'");
        }

        var algorithmText = StrictJson.String(root, "algorithm", path, "");
        if (!TryParseAlgorithm(algorithmText, out var algorithm))
        {
            throw new InputException(path, 0, "algorithm", $"'{algorithmText}' is not ed25519 or secp256k1");
        }

        var name = StrictJson.String(root, "name", path, "");
        var publicKey = StrictJson.Hex(root, "public_key", PublicKeySize(algorithm), path, "");
        if (algorithm == SigningAlgorithm.Secp256k1 && (publicKey[0] is not (2 or 3) || !Secp256k1.IsValidPublicKey(publicKey)))
        {
            throw new InputException(path, 0, "public_key", "not a valid compressed secp256k1 point");
        }

        if (!requireSecret)
        {
            return new SigningKeyFileContents(algorithm, name, publicKey, null);
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

        return derived.AsSpan().SequenceEqual(publicKey)
            ? new SigningKeyFileContents(algorithm, name, publicKey, secret)
            : throw new InputException(path, 0, "public_key", "does not belong to secret_key");
    }
}
