// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>One ABI argument: a static 32-byte word, or a dynamic string.</summary>
/// <param name="Word">The encoded word of a static value.</param>
/// <param name="Text">The string of a dynamic value.</param>
internal sealed record AbiValue(byte[]? Word, string? Text)
{
    /// <summary>A uint of any width up to 256 bits.</summary>
    public static AbiValue Uint(BigInteger value) => new(EvmAbi.Word(value), null);

    /// <summary>An int of any width up to 256 bits.</summary>
    public static AbiValue Int(BigInteger value) => new(EvmAbi.SignedWord(value), null);

    /// <summary>A 20-byte address.</summary>
    public static AbiValue Address(ReadOnlySpan<byte> address) =>
        address.Length == 20 ? new([.. new byte[12], .. address], null) : throw new ArgumentException("an address has 20 bytes", nameof(address));

    /// <summary>A string.</summary>
    public static AbiValue String(string text) => new(null, text);
}
