// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>
/// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B), encode only: what a signed EIP-1559
/// transaction needs. Hand-written (about 40 lines) rather than a package, so por's AOT binary gains no dependency;
/// cross-checked against ethers by the transaction tests.
/// </summary>
internal static class Rlp
{
    /// <summary>Encodes a byte string.</summary>
    public static byte[] Bytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < 0x80 ? [value[0]] : [.. Prefix(0x80, value.Length), .. value];

    /// <summary>Encodes a non-negative integer as its minimal big-endian byte string (0 is the empty string).</summary>
    public static byte[] Integer(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return Bytes(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Encodes a list of already encoded items.</summary>
    public static byte[] List(params byte[][] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var payload = items.SelectMany(i => i).ToArray();
        return [.. Prefix(0xc0, payload.Length), .. payload];
    }

    private static byte[] Prefix(byte offset, int length)
    {
        if (length <= 55)
        {
            return [(byte)(offset + length)];
        }

        var size = new BigInteger(length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [(byte)(offset + 55 + size.Length), .. size];
    }
}
