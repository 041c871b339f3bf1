// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>Where an asset counts: a chain, and there the native coin (<see cref="Contract"/> null) or one token contract.</summary>
/// <param name="Chain">Registry chain name.</param>
/// <param name="Contract">Token contract (EVM 0x-address, TRON base58 address, Solana mint), or null for the native coin.</param>
public sealed record AssetHolding(string Chain, string? Contract)
{
    /// <summary>True for the chain's native coin.</summary>
    public bool IsNative => Contract is null;
}
