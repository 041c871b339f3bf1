// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>
/// Identities of well-known chains, so a mainnet registry can refuse test networks and a Bitcoin-family entry is
/// tied to the genesis of the network its addresses are parsed for.
/// </summary>
public static class KnownChains
{
    /// <summary>Genesis block hashes of the Bitcoin-family mainnets, by por network name.</summary>
    public static IReadOnlyDictionary<string, string> BitcoinMainnetGenesis { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bitcoin"] = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
        ["litecoin"] = "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2",
        ["dogecoin"] = "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c355691",
    };

    /// <summary>TRON mainnet genesis block id.</summary>
    public const string TronMainnetGenesis = "00000000000000001ebf88508a03865c71d452e25f4d51194196a1d22b6653dc";

    /// <summary>Solana mainnet-beta genesis hash.</summary>
    public const string SolanaMainnetGenesis = "5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d";

    /// <summary>EIP-155 chain ids of public EVM test networks and local development chains.</summary>
    public static IReadOnlySet<long> EvmTestChainIds { get; } = new HashSet<long>
    {
        3, 4, 5, 42, 69, 97, 300, 420, 1337, 4002, 10200, 17000, 31337, 43113, 80001, 80002, 84531, 84532, 421613, 421614,
        560048, 11155111, 11155420,
    };

    /// <summary>Why a chain identity cannot hold mainnet reserves, or null when it may.</summary>
    /// <param name="chain">The registry chain.</param>
    /// <returns>The reason, or null.</returns>
    public static string? WhyNotMainnet(RegistryChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        switch (chain.Family)
        {
            case ChainFamily.Evm:
                return EvmTestChainIds.Contains(long.Parse(chain.Identity.Value, System.Globalization.CultureInfo.InvariantCulture))
                    ? $"chain id {chain.Identity.Value} is a test or development network"
                    : null;
            case ChainFamily.Bitcoin:
                var network = chain.BitcoinNetwork?.Name ?? string.Empty;
                return BitcoinMainnetGenesis.TryGetValue(network, out var genesis)
                    ? string.Equals(genesis, chain.Identity.Value, StringComparison.Ordinal) ? null : $"genesis {chain.Identity.Value} is not {network} mainnet's {genesis}"
                    : $"'{network}' is not a mainnet";
            case ChainFamily.Tron:
                return string.Equals(chain.Identity.Value, TronMainnetGenesis, StringComparison.Ordinal) ? null : $"genesis {chain.Identity.Value} is not TRON mainnet's {TronMainnetGenesis}";
            case ChainFamily.Solana:
                return string.Equals(chain.Identity.Value, SolanaMainnetGenesis, StringComparison.Ordinal) ? null : $"genesis {chain.Identity.Value} is not Solana mainnet-beta's {SolanaMainnetGenesis}";
            default:
                return $"unknown family {chain.Family}";
        }
    }
}
