// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Bitcoin;

namespace Por.Reserves.Registry;

/// <summary>One chain of the round's registry: identity, the round's snapshot block and the borrowed-reserves window.</summary>
/// <param name="Name">Chain name as used in declarations and the node configuration.</param>
/// <param name="Identity">Chain id or genesis the node must report.</param>
/// <param name="Snapshot">The round's one snapshot block on this chain.</param>
/// <param name="Window">Window policy, or null when no window is read on this chain.</param>
/// <param name="BitcoinNetwork">Address and message parameters, for Bitcoin-family chains only.</param>
public sealed record RegistryChain(string Name, ChainIdentity Identity, ChainSnapshot Snapshot, WindowPolicy? Window, BitcoinNetwork? BitcoinNetwork)
{
    /// <summary>The chain family.</summary>
    public ChainFamily Family => Identity.Family;

    /// <summary>Decimals of the family's native coin (BTC/LTC/DOGE 8, EVM 18, TRX 6, SOL 9).</summary>
    public int NativeDecimals => Family switch
    {
        ChainFamily.Bitcoin => 8,
        ChainFamily.Evm => 18,
        ChainFamily.Tron => 6,
        ChainFamily.Solana => 9,
        _ => throw new InvalidOperationException($"unknown family {Family}"),
    };
}
