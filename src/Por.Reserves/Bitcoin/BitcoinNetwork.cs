// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Bitcoin;

/// <summary>Address and message-signing parameters of a Bitcoin-family network.</summary>
/// <param name="Name">Network name as used in declaration files.</param>
/// <param name="PubKeyHashVersion">Base58Check version byte of P2PKH addresses.</param>
/// <param name="ScriptHashVersion">Base58Check version byte of P2SH addresses.</param>
/// <param name="Hrp">Bech32 human-readable part, or null when the network has no segwit addresses.</param>
/// <param name="MessageMagic">The signed-message prefix (without its length byte).</param>
public sealed record BitcoinNetwork(string Name, byte PubKeyHashVersion, byte ScriptHashVersion, string? Hrp, string MessageMagic)
{
    /// <summary>Bitcoin mainnet.</summary>
    public static BitcoinNetwork Mainnet { get; } = new("bitcoin", 0x00, 0x05, "bc", "Bitcoin Signed Message:\n");

    /// <summary>Bitcoin testnet / signet.</summary>
    public static BitcoinNetwork Testnet { get; } = new("bitcoin-testnet", 0x6f, 0xc4, "tb", "Bitcoin Signed Message:\n");

    /// <summary>Litecoin mainnet.</summary>
    public static BitcoinNetwork Litecoin { get; } = new("litecoin", 0x30, 0x32, "ltc", "Litecoin Signed Message:\n");

    /// <summary>Dogecoin mainnet (no segwit).</summary>
    public static BitcoinNetwork Dogecoin { get; } = new("dogecoin", 0x1e, 0x16, null, "Dogecoin Signed Message:\n");

    /// <summary>Finds a network by its declaration-file name (case-insensitive).</summary>
    /// <param name="name">e.g. "bitcoin".</param>
    /// <returns>The network, or null when unknown.</returns>
    public static BitcoinNetwork? FromName(string name)
    {
        foreach (var network in new[] { Mainnet, Testnet, Litecoin, Dogecoin })
        {
            if (string.Equals(network.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return network;
            }
        }

        return null;
    }
}
