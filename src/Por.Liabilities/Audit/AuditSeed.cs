// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

namespace Por.Liabilities.Audit;

/// <summary>
/// The public randomness of a sample: the hash of a block mined after the round was published, on a named chain at a
/// stated height (docs/threat-model.md, "Auditor sampling"). Only <see cref="BlockHash"/> enters the draw; the chain and
/// the height say where anyone can look it up.
/// </summary>
/// <param name="Chain">The chain's name (lower-case letters, digits and '-', 1–32 characters), e.g. <c>bitcoin</c>.</param>
/// <param name="Height">The block's height.</param>
/// <param name="BlockHash">The block hash (32 bytes) in the byte order the chain's explorers print it.</param>
public sealed record AuditSeed(string Chain, long Height, byte[] BlockHash)
{
    /// <summary>Checks a chain name; returns why it is rejected, or null.</summary>
    /// <param name="chain">The name.</param>
    /// <returns>The reason, or null.</returns>
    public static string? ValidateChain(string chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return chain.Length is >= 1 and <= 32 && chain.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? null
            : "expected 1-32 lower-case letters, digits or '-' (e.g. bitcoin, ethereum)";
    }

    /// <summary>Parses the options of <c>por audit sample</c>.</summary>
    /// <param name="chain">The chain name.</param>
    /// <param name="height">The height, decimal.</param>
    /// <param name="blockHash">64 hex digits, optionally after <c>0x</c>, either case.</param>
    /// <returns>The seed.</returns>
    /// <exception cref="InputException">A malformed value, naming its option.</exception>
    public static AuditSeed Parse(string chain, string height, string blockHash)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(height);
        ArgumentNullException.ThrowIfNull(blockHash);
        if (ValidateChain(chain) is { } why)
        {
            throw new InputException("--seed-chain", 0, "", why);
        }

        if (!long.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            throw new InputException("--seed-height", 0, "", "expected a block height: a non-negative decimal integer");
        }

        var hex = blockHash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? blockHash[2..] : blockHash;
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new InputException("--seed-block-hash", 0, "", "expected a 32-byte block hash: 64 hex digits (optionally after 0x)");
        }

        var bytes = Convert.FromHexString(hex);
        if (bytes.All(b => b == 0))
        {
            throw new InputException("--seed-block-hash", 0, "", "all zero: not a block hash");
        }

        return new AuditSeed(chain, h, bytes);
    }
}
