// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>A <see cref="ProgressReportingChainReader"/> of an EVM reader that also reads contract wallets (Safe owners,
/// EIP-1271), so that the verifier still finds <see cref="IEvmContractWalletReader"/> behind the wrapper.</summary>
internal sealed class ProgressReportingEvmReader(string chain, IChainBalanceReader inner, IEvmContractWalletReader contracts, NodeReadCounter counter)
    : ProgressReportingChainReader(chain, inner, counter), IEvmContractWalletReader
{
    /// <inheritdoc/>
    public Task<(IReadOnlyList<byte[]> Owners, int Threshold)> ReadSafeOwnersAsync(string wallet, long height, string? blockHash, CancellationToken cancellationToken) =>
        Counter.CallAsync(Detail("eth_call getOwners, getThreshold"), () => contracts.ReadSafeOwnersAsync(wallet, height, blockHash, cancellationToken));

    /// <inheritdoc/>
    public Task<bool> IsValidSignatureAsync(string wallet, byte[] hash, byte[] signature, long height, string? blockHash, CancellationToken cancellationToken) =>
        Counter.CallAsync(Detail("eth_call isValidSignature"), () => contracts.IsValidSignatureAsync(wallet, hash, signature, height, blockHash, cancellationToken));
}
