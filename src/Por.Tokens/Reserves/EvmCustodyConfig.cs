// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>An <c>evm_custody</c> source: native or ERC-20 balances at custody addresses, at a block pinned by hash.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Chain">The registry chain whose node is read.</param>
/// <param name="Token">The ERC-20 contract, or null for the chain's native asset.</param>
/// <param name="Decimals">The asset's decimals as declared (18 for native; for a token checked against <c>decimals()</c>).</param>
/// <param name="Confirmations">The confirmation depth N ≥ 1: the source reads the block at tip − N + 1.</param>
/// <param name="MaxAgeSeconds">The oldest the read block may be at the evaluation time.</param>
/// <param name="Addresses">The custody addresses.</param>
/// <param name="Period">The period ownership proofs are signed for; required when any address has a proof.</param>
/// <param name="BatchSize">The most balance calls per JSON-RPC batch (1 = one request per address).</param>
public sealed record EvmCustodyConfig(
    string Id, string Chain, string? Token, int Decimals, int Confirmations, long MaxAgeSeconds, IReadOnlyList<CustodyAddress> Addresses, OwnershipPeriod? Period,
    int BatchSize = EvmCustodyConfig.DefaultBatchSize)
    : ReserveSourceConfig(Id, ReserveSourceKinds.EvmCustody)
{
    /// <summary>The default <c>batch_size</c>.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The largest <c>batch_size</c> accepted.</summary>
    public const int MaxBatchSize = 1_000;
}
