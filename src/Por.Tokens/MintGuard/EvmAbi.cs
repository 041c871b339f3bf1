// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;
using Por.Crypto;

namespace Por.Tokens.MintGuard;

/// <summary>
/// The few ABI encodings the mint guard needs (Solidity ABI spec): selectors, static words (uint, int, address, bool)
/// and dynamic strings, for calls and constructor arguments.
/// </summary>
internal static class EvmAbi
{
    /// <summary>The 4-byte selector of a function or error signature such as <c>updateAnswer(int256,uint256)</c>.</summary>
    public static byte[] Selector(string signature) => Keccak256.Hash(Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4).ToArray();

    /// <summary>Call data: the selector of <paramref name="signature"/> followed by the encoded arguments.</summary>
    public static byte[] Call(string signature, params AbiValue[] arguments) => [.. Selector(signature), .. Encode(arguments)];

    /// <summary>Encodes a tuple of arguments (head words, then the tails of dynamic values).</summary>
    public static byte[] Encode(params AbiValue[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var head = new List<byte>(32 * arguments.Length);
        var tail = new List<byte>();
        foreach (var argument in arguments)
        {
            if (argument.Text is { } text)
            {
                head.AddRange(Word(32 * arguments.Length + tail.Count));
                var bytes = Encoding.UTF8.GetBytes(text);
                tail.AddRange(Word(bytes.Length));
                tail.AddRange(bytes);
                tail.AddRange(new byte[(32 - (bytes.Length % 32)) % 32]);
            }
            else
            {
                head.AddRange(argument.Word!);
            }
        }

        return [.. head, .. tail];
    }

    /// <summary>A uint256 as a big-endian word.</summary>
    public static byte[] Word(BigInteger value)
    {
        if (value.Sign < 0 || value > MintRule.MaxUint256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "not a uint256");
        }

        var word = new byte[32];
        value.TryWriteBytes(word.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return word;
    }

    /// <summary>An int256 as a big-endian two's-complement word.</summary>
    public static byte[] SignedWord(BigInteger value)
    {
        if (value < MintRule.MinInt256 || value > MintRule.MaxInt256)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "not an int256");
        }

        return Word(value.Sign >= 0 ? value : (BigInteger.One << 256) + value);
    }

    /// <summary>Reads word <paramref name="index"/> of return data as a uint256.</summary>
    public static BigInteger ReadUint(ReadOnlySpan<byte> data, int index) =>
        data.Length >= 32 * (index + 1)
            ? new BigInteger(data.Slice(32 * index, 32), isUnsigned: true, isBigEndian: true)
            : throw new FormatException($"return data has {data.Length} bytes, word {index} needs {32 * (index + 1)}");

    /// <summary>Reads word <paramref name="index"/> of return data as an int256.</summary>
    public static BigInteger ReadInt(ReadOnlySpan<byte> data, int index)
    {
        var value = ReadUint(data, index);
        return value > MintRule.MaxInt256 ? value - (BigInteger.One << 256) : value;
    }
}
