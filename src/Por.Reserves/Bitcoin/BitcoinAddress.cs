// SPDX-License-Identifier: Apache-2.0

using Por.Crypto;

namespace Por.Reserves.Bitcoin;

/// <summary>A decoded Bitcoin-family address: its type and hash or witness program.</summary>
public sealed class BitcoinAddress
{
    private BitcoinAddress(string text, BitcoinAddressType type, byte[] hash)
    {
        Text = text;
        Type = type;
        Hash = hash;
    }

    /// <summary>The address as given.</summary>
    public string Text { get; }

    /// <summary>The address type.</summary>
    public BitcoinAddressType Type { get; }

    /// <summary>The 20-byte hash (P2PKH, P2SH, P2WPKH) or 32-byte program (P2WSH, P2TR).</summary>
    public IReadOnlyList<byte> Hash { get; }

    /// <summary>The output script (scriptPubKey) this address pays to.</summary>
    /// <returns>The script bytes.</returns>
    public byte[] ScriptPubKey()
    {
        var hash = Hash.ToArray();
        return Type switch
        {
            BitcoinAddressType.P2pkh => [0x76, 0xa9, 0x14, .. hash, 0x88, 0xac],
            BitcoinAddressType.P2sh => [0xa9, 0x14, .. hash, 0x87],
            BitcoinAddressType.P2wpkh => [0x00, 0x14, .. hash],
            BitcoinAddressType.P2wsh => [0x00, 0x20, .. hash],
            _ => [0x51, 0x20, .. hash],
        };
    }

    /// <summary>Decodes an address for a network. Unknown witness versions, wrong checksums, wrong networks
    /// and malformed strings all fail with a reason.</summary>
    /// <param name="text">The address.</param>
    /// <param name="network">The network it must belong to.</param>
    /// <param name="address">The decoded address, or null.</param>
    /// <param name="error">Why decoding failed, or null.</param>
    /// <returns>True on success.</returns>
    public static bool TryParse(string text, BitcoinNetwork network, out BitcoinAddress? address, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(network);
        address = null;
        error = null;
        if (network.Hrp is not null && text.Length > network.Hrp.Length + 1
            && text.StartsWith(network.Hrp + "1", StringComparison.OrdinalIgnoreCase))
        {
            if (!Bech32.TryDecodeSegwitAddress(network.Hrp, text, out var version, out var program))
            {
                error = $"undecodable segwit address '{text}' (bad bech32/bech32m checksum, version or length)";
                return false;
            }

            BitcoinAddressType? type = (version, program.Length) switch
            {
                (0, 20) => BitcoinAddressType.P2wpkh,
                (0, 32) => BitcoinAddressType.P2wsh,
                (1, 32) => BitcoinAddressType.P2tr,
                _ => null,
            };
            if (type is null)
            {
                error = $"unsupported witness version {version} with a {program.Length}-byte program";
                return false;
            }

            address = new BitcoinAddress(text, type.Value, program);
            return true;
        }

        if (!Base58.TryDecodeCheck(text, out var payload) || payload is null)
        {
            error = $"undecodable address '{text}' (not base58check nor bech32 for {network.Name})";
            return false;
        }

        if (payload.Length != 21)
        {
            error = $"base58check payload of {payload.Length} bytes is not an address";
            return false;
        }

        if (payload[0] == network.PubKeyHashVersion)
        {
            address = new BitcoinAddress(text, BitcoinAddressType.P2pkh, payload[1..]);
            return true;
        }

        if (payload[0] == network.ScriptHashVersion)
        {
            address = new BitcoinAddress(text, BitcoinAddressType.P2sh, payload[1..]);
            return true;
        }

        error = $"version byte 0x{payload[0]:x2} does not belong to {network.Name}";
        return false;
    }
}
