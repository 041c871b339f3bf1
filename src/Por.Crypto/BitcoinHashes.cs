// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;

namespace Por.Crypto;

/// <summary>Bitcoin's composite hashes: HASH160, double SHA-256 and BIP-340 tagged hashes.</summary>
public static class BitcoinHashes
{
    /// <summary>RIPEMD-160(SHA-256(data)).</summary>
    /// <param name="data">The data.</param>
    /// <returns>20 bytes.</returns>
    public static byte[] Hash160(ReadOnlySpan<byte> data) => Ripemd160.Hash(SHA256.HashData(data));

    /// <summary>SHA-256(SHA-256(data)).</summary>
    /// <param name="data">The data.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    /// <summary>SHA-256(SHA-256(tag) ‖ SHA-256(tag) ‖ data) (BIP-340).</summary>
    /// <param name="tag">The ASCII tag.</param>
    /// <param name="data">The data.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] TaggedHash(string tag, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(tagHash);
        hash.AppendData(tagHash);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
