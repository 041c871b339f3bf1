// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Reserves.Registry;

/// <summary>
/// What makes a chain this chain and not a testnet or a fork: the EIP-155 chain id for EVM chains, the genesis block
/// hash (or id) for the others. Two registry chains with one identity are aliases and are rejected.
/// </summary>
/// <param name="Family">The chain family.</param>
/// <param name="Value">Canonical text: the chain id in decimal (EVM), lowercase hex without 0x (Bitcoin, TRON), or
/// base58 as printed by the node (Solana).</param>
public sealed record ChainIdentity(ChainFamily Family, string Value)
{
    /// <summary>An EVM identity.</summary>
    /// <param name="chainId">The EIP-155 chain id.</param>
    /// <returns>The identity.</returns>
    public static ChainIdentity Evm(long chainId) => new(ChainFamily.Evm, chainId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A genesis-hash identity, normalised (hex lowercased and without 0x; base58 kept as is).</summary>
    /// <param name="family">Bitcoin, TRON or Solana.</param>
    /// <param name="genesis">The genesis hash as the node prints it.</param>
    /// <returns>The identity.</returns>
    public static ChainIdentity Genesis(ChainFamily family, string genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return new(family, family == ChainFamily.Solana ? genesis : StripHex(genesis).ToLowerInvariant());
    }

    /// <summary>Key for equality across families ("evm:1", "bitcoin:000000000019d6…").</summary>
    public string Key => $"{Family.ToString().ToLowerInvariant()}:{Value}";

    /// <inheritdoc/>
    public override string ToString() => Family == ChainFamily.Evm ? $"EVM chain id {Value}" : $"{Family} genesis {Value}";

    private static string StripHex(string text) => text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
}
