// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>The one block of a chain at which a round reads every balance.</summary>
/// <param name="Height">Block height (EVM, Bitcoin, TRON) or slot (Solana).</param>
/// <param name="Hash">Block hash as the chain prints it (0x-hex for EVM, hex for Bitcoin and TRON, base58 for Solana).</param>
public sealed record ChainSnapshot(long Height, string Hash)
{
    /// <summary>True when <paramref name="hash"/> names this snapshot's block (hex compared case-insensitively, with or without 0x).</summary>
    /// <param name="hash">A block hash.</param>
    /// <returns>Whether it is the same block hash.</returns>
    public bool HashEquals(string? hash) => hash is not null && string.Equals(Normalise(hash), Normalise(Hash), StringComparison.Ordinal);

    /// <summary>Hex hashes lowercased without 0x; anything else (base58) unchanged.</summary>
    /// <param name="hash">A block hash.</param>
    /// <returns>The comparable form.</returns>
    public static string Normalise(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var body = hash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hash[2..] : hash;
        return body.Length == 64 && body.All(Uri.IsHexDigit) ? body.ToLowerInvariant() : hash;
    }
}
