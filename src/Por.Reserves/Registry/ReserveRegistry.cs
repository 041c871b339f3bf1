// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>
/// The round's pinned asset registry ("por-reserves-registry/2"): which chains are read, at which one snapshot block
/// each, and which native coin or token contract counts as which asset. Rows outside it do not count. The auditor pins
/// the file (its SHA-256 is in the result); it is never taken from the declaration it checks.
/// </summary>
/// <param name="Round">The round id.</param>
/// <param name="Network">Mainnet or test: a mainnet registry refuses known test networks.</param>
/// <param name="Chains">Chains by name.</param>
/// <param name="Assets">Assets by symbol.</param>
/// <param name="Sha256">SHA-256 of the registry file as read.</param>
public sealed record ReserveRegistry(string Round, RegistryNetwork Network, IReadOnlyDictionary<string, RegistryChain> Chains, IReadOnlyDictionary<string, RegistryAsset> Assets, byte[] Sha256)
{
    /// <summary>Finds the asset holding a row names: asset on chain, native when <paramref name="contract"/> is null.</summary>
    /// <param name="asset">Asset symbol.</param>
    /// <param name="chain">Chain name.</param>
    /// <param name="contract">Token contract or null.</param>
    /// <returns>The holding, or null when the registry does not list it.</returns>
    public AssetHolding? FindHolding(string asset, string chain, string? contract)
    {
        if (!Assets.TryGetValue(asset, out var entry) || !Chains.TryGetValue(chain, out var registryChain))
        {
            return null;
        }

        foreach (var holding in entry.Holdings)
        {
            if (string.Equals(holding.Chain, chain, StringComparison.Ordinal) && ContractEquals(registryChain.Family, holding.Contract, contract))
            {
                return holding;
            }
        }

        return null;
    }

    /// <summary>Compares token contracts: EVM hex case-insensitively, base58 (TRON, Solana) exactly.</summary>
    /// <param name="family">Chain family.</param>
    /// <param name="a">First contract or null (native).</param>
    /// <param name="b">Second contract or null (native).</param>
    /// <returns>Whether both name the same contract (or both the native coin).</returns>
    public static bool ContractEquals(ChainFamily family, string? a, string? b) =>
        a is null || b is null
            ? a is null && b is null
            : string.Equals(a, b, family == ChainFamily.Evm ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
