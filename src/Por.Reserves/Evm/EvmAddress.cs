// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Crypto;

namespace Por.Reserves.Evm;

/// <summary>EVM addresses: parsing with EIP-55 checksum enforcement on mixed case, derivation from keys.</summary>
public static class EvmAddress
{
    /// <summary>Parses "0x" + 40 hex digits. All-lower or all-upper is accepted; mixed case must be a valid EIP-55 checksum.</summary>
    /// <param name="text">The address text.</param>
    /// <param name="address">20 bytes.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, out byte[] address, out string error)
    {
        address = [];
        error = string.Empty;
        if (text is null || text.Length != 42 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            error = "EVM address must be 0x followed by 40 hex digits";
            return false;
        }

        var hex = text[2..];
        if (!hex.All(Uri.IsHexDigit))
        {
            error = "EVM address contains a non-hex character";
            return false;
        }

        var bytes = Convert.FromHexString(hex);
        var hasLower = hex.Any(char.IsLower);
        var hasUpper = hex.Any(char.IsUpper);
        if (hasLower && hasUpper && !string.Equals(ToChecksum(bytes), text, StringComparison.Ordinal))
        {
            error = "mixed-case EVM address fails its EIP-55 checksum";
            return false;
        }

        address = bytes;
        return true;
    }

    /// <summary>EIP-55 mixed-case checksum form.</summary>
    /// <param name="address">20 bytes.</param>
    /// <returns>"0x…" with checksum casing.</returns>
    public static string ToChecksum(ReadOnlySpan<byte> address)
    {
        var lower = Convert.ToHexStringLower(address);
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lower));
        var builder = new StringBuilder("0x", 42);
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            builder.Append(nibble >= 8 ? char.ToUpper(lower[i], CultureInfo.InvariantCulture) : lower[i]);
        }

        return builder.ToString();
    }

    /// <summary>Address of an uncompressed SEC1 key: last 20 bytes of keccak256(X ‖ Y).</summary>
    /// <param name="uncompressedPublicKey">65 bytes starting with 0x04.</param>
    /// <returns>20 bytes.</returns>
    /// <exception cref="ArgumentException">The key is not 65 bytes.</exception>
    public static byte[] FromPublicKey(ReadOnlySpan<byte> uncompressedPublicKey)
    {
        if (uncompressedPublicKey.Length != 65)
        {
            throw new ArgumentException("Expected a 65-byte uncompressed key.", nameof(uncompressedPublicKey));
        }

        return Keccak256.Hash(uncompressedPublicKey[1..])[12..];
    }
}
