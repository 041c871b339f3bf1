// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>How a chain is read and how its identity is established.</summary>
public enum ChainFamily
{
    /// <summary>Bitcoin and its forks (Litecoin, Dogecoin): identity is the genesis block hash.</summary>
    Bitcoin,

    /// <summary>EVM chains: identity is the EIP-155 chain id.</summary>
    Evm,

    /// <summary>TRON: identity is the genesis block id.</summary>
    Tron,

    /// <summary>Solana: identity is the genesis hash (base58).</summary>
    Solana,
}
