// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using Por.Common;
using Por.Reserves.Bitcoin;

namespace Por.Reserves.Registry;

/// <summary>Reads a "por-reserves-registry/2" file strictly (unknown, missing or repeated fields are errors) and checks
/// it is coherent: no two chains with one identity, native decimals as the chain defines them, one asset per
/// native coin or contract, and no test network in a mainnet registry. The previous version
/// "por-reserves-registry/1" (the same fields in camelCase) is still read (deprecated).</summary>
public static class ReserveRegistryParser
{
    /// <summary>The current format (snake_case property names).</summary>
    public const string FormatVersion = "por-reserves-registry/2";

    /// <summary>The previous version (camelCase property names), still read; deprecated.</summary>
    public const string LegacyFormatVersion = "por-reserves-registry/1";

    private static readonly string[] s_rootFields = ["format", "round", "network", "chains", "assets"];
    private static readonly string[] s_snapshotFields = ["height", "hash"];
    private static readonly string[] s_windowFields = ["blocks_before", "blocks_after", "samples_each_side"];
    private static readonly string[] s_assetFields = ["decimals", "holdings"];

    /// <summary>Reads a registry file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="InputException">Malformed or incoherent registry.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ReserveRegistry ReadFile(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses a registry.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="file">File name for errors.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="InputException">Malformed or incoherent registry.</exception>
    public static ReserveRegistry Parse(byte[] json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = StrictJson.Parse(json, file);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, file, "", s_rootFields);
        var format = StrictJson.String(root, "format", file, "");
        var legacy = string.Equals(format, LegacyFormatVersion, StringComparison.Ordinal);
        if (!legacy && !string.Equals(format, FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"'{format}' is not {FormatVersion} (or the deprecated {LegacyFormatVersion})");
        }

        var round = Text(root, "round", file, "");
        var network = StrictJson.String(root, "network", file, "") switch
        {
            "mainnet" => RegistryNetwork.Mainnet,
            "test" => RegistryNetwork.Test,
            var other => throw new InputException(file, 0, "network", $"'{other}' is neither 'mainnet' nor 'test'"),
        };

        var chains = ReadChains(root.GetProperty("chains"), file, network, legacy);
        var assets = ReadAssets(root.GetProperty("assets"), file, chains);
        return new ReserveRegistry(round, network, chains, assets, SHA256.HashData(json));
    }

    private static Dictionary<string, RegistryChain> ReadChains(JsonElement element, string file, RegistryNetwork network, bool legacy)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, "chains", "expected an object keyed by chain name");
        }

        var chains = new Dictionary<string, RegistryChain>(StringComparer.Ordinal);
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var path = "chains." + property.Name;
            CheckName(property.Name, file, path);
            if (chains.ContainsKey(property.Name))
            {
                throw new InputException(file, 0, path, "chain given twice");
            }

            var chain = ReadChain(property.Name, property.Value, file, path, legacy);
            if (identities.TryGetValue(chain.Identity.Key, out var alias))
            {
                throw new InputException(file, 0, path, $"same chain as '{alias}' ({chain.Identity}): one chain, one name, or an address would count twice");
            }

            if (network == RegistryNetwork.Mainnet && KnownChains.WhyNotMainnet(chain) is { } why)
            {
                throw new InputException(file, 0, path, $"a mainnet registry cannot list a test network: {why} (use \"network\": \"test\" for test rounds)");
            }

            identities[chain.Identity.Key] = property.Name;
            chains[property.Name] = chain;
        }

        if (chains.Count == 0)
        {
            throw new InputException(file, 0, "chains", "lists no chain");
        }

        return chains;
    }

    private static RegistryChain ReadChain(string name, JsonElement element, string file, string path, bool legacy)
    {
        string N(string snakeCase) => LegacyPropertyNames.Name(snakeCase, legacy);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("family", out var familyElement) || familyElement.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, path + ".family", "missing: bitcoin, evm, tron or solana");
        }

        var family = familyElement.GetString() switch
        {
            "bitcoin" => ChainFamily.Bitcoin,
            "evm" => ChainFamily.Evm,
            "tron" => ChainFamily.Tron,
            "solana" => ChainFamily.Solana,
            var other => throw new InputException(file, 0, path + ".family", $"unknown family '{other}' (bitcoin, evm, tron, solana)"),
        };

        string[] required = family switch
        {
            ChainFamily.Evm => ["family", N("chain_id"), "snapshot"],
            ChainFamily.Bitcoin => ["family", N("bitcoin_network"), "genesis", "snapshot"],
            _ => ["family", "genesis", "snapshot"],
        };
        StrictJson.ExpectObject(element, file, path, required, ["window"]);
        BitcoinNetwork? bitcoinNetwork = null;
        ChainIdentity identity;
        if (family == ChainFamily.Evm)
        {
            identity = ChainIdentity.Evm(StrictJson.Integer(element, N("chain_id"), file, path, 1, long.MaxValue));
        }
        else
        {
            var genesis = StrictJson.String(element, "genesis", file, path);
            if (family == ChainFamily.Solana ? !IsBase58Hash(genesis) : !IsHex32(genesis))
            {
                throw new InputException(file, 0, path + ".genesis", family == ChainFamily.Solana ? "expected a base58 32-byte hash" : "expected 32 bytes of hex");
            }

            identity = ChainIdentity.Genesis(family, genesis);
            if (family == ChainFamily.Bitcoin)
            {
                var networkName = StrictJson.String(element, N("bitcoin_network"), file, path);
                bitcoinNetwork = BitcoinNetwork.FromName(networkName) ?? throw new InputException(file, 0, path + "." + N("bitcoin_network"), $"unknown network '{networkName}' (bitcoin, bitcoin-testnet, litecoin, dogecoin)");
            }
        }

        var snapshotElement = element.GetProperty("snapshot");
        StrictJson.ExpectObject(snapshotElement, file, path + ".snapshot", s_snapshotFields);
        var height = StrictJson.Integer(snapshotElement, "height", file, path + ".snapshot", 0, long.MaxValue);
        var hash = StrictJson.String(snapshotElement, "hash", file, path + ".snapshot");
        var hashValid = family switch
        {
            ChainFamily.Evm => hash.StartsWith("0x", StringComparison.Ordinal) && IsHex32(hash[2..]),
            ChainFamily.Solana => IsBase58Hash(hash),
            _ => IsHex32(hash),
        };
        if (!hashValid)
        {
            throw new InputException(file, 0, path + ".snapshot.hash", family switch
            {
                ChainFamily.Evm => "expected 0x and 32 bytes of hex",
                ChainFamily.Solana => "expected a base58 32-byte block hash",
                _ => "expected 32 bytes of hex",
            });
        }

        WindowPolicy? window = null;
        if (element.TryGetProperty("window", out var windowElement))
        {
            var windowPath = path + ".window";
            StrictJson.ExpectObject(windowElement, file, windowPath, LegacyPropertyNames.Names(s_windowFields, legacy), [N("flag_share_basis_points")]);
            var before = StrictJson.Integer(windowElement, N("blocks_before"), file, windowPath, 1, 100_000_000);
            window = new WindowPolicy(
                before,
                StrictJson.Integer(windowElement, N("blocks_after"), file, windowPath, 1, 100_000_000),
                (int)StrictJson.Integer(windowElement, N("samples_each_side"), file, windowPath, 1, 1_000),
                windowElement.TryGetProperty(N("flag_share_basis_points"), out _) ? (int)StrictJson.Integer(windowElement, N("flag_share_basis_points"), file, windowPath, 1, 10_000) : 1_000);
            if (before > height)
            {
                throw new InputException(file, 0, windowPath + "." + N("blocks_before"), $"reaches below block 0 (snapshot height {height})");
            }
        }

        return new RegistryChain(name, identity, new ChainSnapshot(height, hash), window, bitcoinNetwork);
    }

    private static Dictionary<string, RegistryAsset> ReadAssets(JsonElement element, string file, Dictionary<string, RegistryChain> chains)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, "assets", "expected an object keyed by asset symbol");
        }

        var assets = new Dictionary<string, RegistryAsset>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var path = "assets." + property.Name;
            CheckName(property.Name, file, path);
            if (assets.ContainsKey(property.Name))
            {
                throw new InputException(file, 0, path, "asset given twice");
            }

            StrictJson.ExpectObject(property.Value, file, path, s_assetFields);
            var decimals = (int)StrictJson.Integer(property.Value, "decimals", file, path, 0, 36);
            var holdings = new List<AssetHolding>();
            var index = 0;
            foreach (var holdingElement in StrictJson.Array(property.Value, "holdings", file, path).EnumerateArray())
            {
                var holdingPath = $"{path}.holdings[{index++}]";
                StrictJson.ExpectObject(holdingElement, file, holdingPath, ["chain"], ["contract"]);
                var chainName = StrictJson.String(holdingElement, "chain", file, holdingPath);
                if (!chains.TryGetValue(chainName, out var chain))
                {
                    throw new InputException(file, 0, holdingPath + ".chain", $"'{chainName}' is not a chain of this registry");
                }

                var contract = holdingElement.TryGetProperty("contract", out _) ? ReadContract(holdingElement, chain, file, holdingPath) : null;
                if (contract is null && decimals != chain.NativeDecimals)
                {
                    throw new InputException(file, 0, path + ".decimals", $"{decimals}, but the native coin of '{chainName}' has {chain.NativeDecimals} decimals");
                }

                // One native coin or contract per chain belongs to one asset; otherwise a balance would count for two.
                var ownerKey = chain.Identity.Key + "\n" + (contract is null ? "(native)" : chain.Family == ChainFamily.Evm ? contract.ToLowerInvariant() : contract);
                if (owners.TryGetValue(ownerKey, out var other))
                {
                    throw new InputException(file, 0, holdingPath, $"{(contract is null ? "the native coin" : contract)} of '{chainName}' is already listed for {other}");
                }

                owners[ownerKey] = property.Name;
                holdings.Add(new AssetHolding(chainName, contract));
            }

            if (holdings.Count == 0)
            {
                throw new InputException(file, 0, path + ".holdings", "lists no chain where the asset counts");
            }

            assets[property.Name] = new RegistryAsset(property.Name, decimals, holdings);
        }

        return assets;
    }

    private static string ReadContract(JsonElement element, RegistryChain chain, string file, string path)
    {
        var contract = StrictJson.String(element, "contract", file, path);
        var valid = chain.Family switch
        {
            ChainFamily.Evm => Evm.EvmAddress.TryParse(contract, out _, out _),
            ChainFamily.Tron => contract.Length == 34 && contract[0] == 'T' && IsBase58(contract),
            ChainFamily.Solana => IsBase58Hash(contract),
            _ => false,
        };
        return valid ? contract : throw new InputException(file, 0, path + ".contract", chain.Family == ChainFamily.Bitcoin
            ? "Bitcoin-family chains have no token contracts"
            : $"'{contract}' is not a {chain.Family} token address");
    }

    private static string Text(JsonElement element, string name, string file, string path)
    {
        var text = StrictJson.String(element, name, file, path);
        CheckName(text, file, StrictJson.Join(path, name));
        return text;
    }

    private static void CheckName(string text, string file, string path)
    {
        if (text.Length == 0 || text.Length > 200 || text.Any(char.IsControl))
        {
            throw new InputException(file, 0, path, "must be 1 to 200 characters without control characters");
        }
    }

    private static bool IsHex32(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    private static bool IsBase58(string text) => text.All(c => c < 128 && "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".Contains(c, StringComparison.Ordinal));

    private static bool IsBase58Hash(string text) => text.Length is >= 32 and <= 44 && IsBase58(text);
}
