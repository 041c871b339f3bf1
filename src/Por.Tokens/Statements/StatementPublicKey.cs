// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Crypto.Native;

namespace Por.Tokens.Statements;

/// <summary>A statement signer's public key, as the registry pins it (never taken from a statement).</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Key">The public key: 32 bytes (Ed25519) or 33 bytes (compressed secp256k1).</param>
public sealed record StatementPublicKey(StatementAlgorithm Algorithm, byte[] Key)
{
    /// <summary>The file and JSON name of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>"ed25519" or "secp256k1".</returns>
    public static string AlgorithmName(StatementAlgorithm algorithm) => algorithm == StatementAlgorithm.Ed25519 ? "ed25519" : "secp256k1";

    /// <summary>Parses an algorithm name.</summary>
    /// <param name="text">"ed25519" or "secp256k1".</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseAlgorithm(string text, out StatementAlgorithm algorithm)
    {
        (var known, algorithm) = text switch
        {
            "ed25519" => (true, StatementAlgorithm.Ed25519),
            "secp256k1" => (true, StatementAlgorithm.Secp256k1),
            _ => (false, StatementAlgorithm.Ed25519),
        };
        return known;
    }

    /// <summary>The public key size of an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>32 or 33.</returns>
    public static int KeySize(StatementAlgorithm algorithm) => algorithm == StatementAlgorithm.Ed25519 ? Ed25519.PublicKeySize : Secp256k1.CompressedPublicKeySize;

    /// <summary>Checks a key's length (and, for secp256k1, that it is a curve point).</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="key">The key bytes.</param>
    /// <param name="file">File for errors.</param>
    /// <param name="field">Field for errors.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InputException">Not a key of the algorithm.</exception>
    public static StatementPublicKey Create(StatementAlgorithm algorithm, byte[] key, string file, string field)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySize(algorithm))
        {
            throw new InputException(file, 0, field, $"a {AlgorithmName(algorithm)} public key has {KeySize(algorithm)} bytes, not {key.Length}");
        }

        if (algorithm == StatementAlgorithm.Secp256k1 && (key[0] is not (2 or 3) || !Secp256k1.IsValidPublicKey(key)))
        {
            throw new InputException(file, 0, field, "not a valid compressed secp256k1 point");
        }

        return new StatementPublicKey(algorithm, key);
    }

    /// <summary>Verifies a 64-byte signature over a 32-byte digest with this key (secp256k1: high S is refused).</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="signature">The signature.</param>
    /// <returns>Whether it verifies.</returns>
    public bool Verify(byte[] digest, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(signature);
        return signature.Length == 64 && (Algorithm == StatementAlgorithm.Ed25519
            ? Ed25519.Verify(digest, signature, Key)
            : Secp256k1.VerifyCompact(digest, signature, Key));
    }

    /// <summary>Whether another key is the same algorithm and bytes.</summary>
    /// <param name="algorithm">The other key's algorithm.</param>
    /// <param name="key">The other key's bytes.</param>
    /// <returns>True when equal.</returns>
    public bool Matches(StatementAlgorithm algorithm, ReadOnlySpan<byte> key) => algorithm == Algorithm && key.SequenceEqual(Key);
}
