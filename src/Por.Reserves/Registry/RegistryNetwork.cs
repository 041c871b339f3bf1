// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>Whether a registry describes real reserves or a test round.</summary>
public enum RegistryNetwork
{
    /// <summary>Real reserves: known test networks (Bitcoin testnet/signet/regtest, Sepolia, anvil…) are refused.</summary>
    Mainnet,

    /// <summary>A test round (demo, integration tests): any chain identity is accepted and reports say TEST NETWORK.</summary>
    Test,
}
