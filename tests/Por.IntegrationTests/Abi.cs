// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Crypto;

namespace Por.IntegrationTests;

/// <summary>Minimal ABI encoding for calls to the test contracts: a 4-byte selector and 32-byte words, as hex.</summary>
internal static class Abi
{
    /// <summary>Call data: "0x", the selector of <paramref name="signature"/>, then the already encoded <paramref name="words"/>.</summary>
    public static string Call(string signature, params string[] words) =>
        "0x" + Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4)) + string.Concat(words);

    /// <summary>An address as a left-padded word (no 0x).</summary>
    public static string Word(string address) => new string('0', 24) + address[2..].ToLowerInvariant();

    /// <summary>A non-negative integer as a word (no 0x).</summary>
    public static string Word(long value) => value.ToString("x64", CultureInfo.InvariantCulture);
}
