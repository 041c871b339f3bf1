// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Crypto;
using Por.Crypto.Native;

namespace Por.Reserves.Bitcoin;

/// <summary>A strictly parsed bare multisig script: <c>OP_m &lt;n keys&gt; OP_n OP_CHECKMULTISIG</c>, 1 ≤ m ≤ n ≤ 16.</summary>
public sealed class MultisigScript
{
    private MultisigScript(byte[] script, int required, IReadOnlyList<byte[]> keys)
    {
        Script = script;
        Required = required;
        Keys = keys;
    }

    /// <summary>The raw script.</summary>
    public IReadOnlyList<byte> Script { get; }

    /// <summary>m: signatures required.</summary>
    public int Required { get; }

    /// <summary>The n public keys in script order (33 or 65 bytes each).</summary>
    public IReadOnlyList<byte[]> Keys { get; }

    /// <summary>Parses a script; anything but the exact multisig template fails with a reason.</summary>
    /// <param name="script">The redeem or witness script.</param>
    /// <param name="multisig">The parsed script, or null.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(ReadOnlySpan<byte> script, out MultisigScript? multisig, out string error)
    {
        multisig = null;
        if (!TrySplit(script, out var required, out var ranges, out error))
        {
            return false;
        }

        var keys = new List<byte[]>(ranges.Count);
        foreach (var range in ranges)
        {
            var key = script[range].ToArray();
            if (!Secp256k1.IsValidPublicKey(key))
            {
                error = $"script key {keys.Count + 1} is not a valid secp256k1 point";
                return false;
            }

            keys.Add(key);
        }

        multisig = new MultisigScript(script.ToArray(), required, keys);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="script"/> has the shape of the multisig template (<c>OP_m</c>, n pushes of 33 or 65
    /// bytes, <c>OP_n</c>, <c>OP_CHECKMULTISIG</c>, 1 ≤ m ≤ n ≤ 16, nothing else), without checking that the keys are
    /// curve points. A bare 33- or 65-byte public key never has this shape (the shortest template is 37 bytes), so
    /// this tells a redeem script from a public key structurally.
    /// </summary>
    /// <param name="script">The candidate script.</param>
    /// <returns>True for the template's shape.</returns>
    public static bool HasTemplateShape(ReadOnlySpan<byte> script) => TrySplit(script, out _, out _, out _);

    // OP_m <push 33|65>{n} OP_n OP_CHECKMULTISIG: returns m and where each key lies.
    private static bool TrySplit(ReadOnlySpan<byte> script, out int required, out List<Range> keys, out string error)
    {
        error = "script is not OP_m <keys> OP_n OP_CHECKMULTISIG";
        keys = [];
        required = 0;
        if (script.Length < 3 || script[^1] != 0xae)
        {
            return false;
        }

        required = SmallInteger(script[0]);
        var total = SmallInteger(script[^2]);
        if (required < 1 || total < required)
        {
            return false;
        }

        var offset = 1;
        while (offset < script.Length - 2)
        {
            int length = script[offset];
            if (length is not (33 or 65) || offset + 1 + length > script.Length - 2)
            {
                return false;
            }

            keys.Add(new Range(offset + 1, offset + 1 + length));
            offset += 1 + length;
        }

        if (offset != script.Length - 2 || keys.Count != total)
        {
            error = $"script declares {total} keys but holds {keys.Count}";
            return false;
        }

        return true;
    }

    /// <summary>Checks that the script is the one the address commits to (P2SH, P2SH-P2WSH or P2WSH).</summary>
    /// <param name="address">The address.</param>
    /// <param name="wrapping">"P2SH", "P2SH-P2WSH" or "P2WSH" on success.</param>
    /// <returns>True when the script hashes to the address.</returns>
    public bool MatchesAddress(BitcoinAddress address, out string wrapping)
    {
        ArgumentNullException.ThrowIfNull(address);
        var script = Script.ToArray();
        var expected = address.Hash.ToArray();
        var witnessProgram = SHA256.HashData(script);
        wrapping = string.Empty;
        switch (address.Type)
        {
            case BitcoinAddressType.P2wsh when CryptographicOperations.FixedTimeEquals(witnessProgram, expected):
                wrapping = "P2WSH";
                return true;
            case BitcoinAddressType.P2sh when CryptographicOperations.FixedTimeEquals(BitcoinHashes.Hash160(script), expected):
                wrapping = "P2SH";
                return true;
            case BitcoinAddressType.P2sh:
                byte[] nested = [0x00, 0x20, .. witnessProgram];
                if (CryptographicOperations.FixedTimeEquals(BitcoinHashes.Hash160(nested), expected))
                {
                    wrapping = "P2SH-P2WSH";
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static int SmallInteger(byte opcode) => opcode is >= 0x51 and <= 0x60 ? opcode - 0x50 : -1;
}
