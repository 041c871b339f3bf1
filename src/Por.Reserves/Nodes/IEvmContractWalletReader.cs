// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>On-chain reads for contract-wallet ownership (Safe owners/threshold, EIP-1271) at a snapshot block.</summary>
public interface IEvmContractWalletReader
{
    /// <summary>Reads getOwners() and getThreshold() of a Safe-style wallet; the account must have code.</summary>
    /// <param name="wallet">The contract address.</param>
    /// <param name="height">Snapshot height.</param>
    /// <param name="blockHash">Declared snapshot hash or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The owners (20-byte addresses) and the threshold.</returns>
    /// <exception cref="NodeException">The node failed or the contract does not answer as a Safe.</exception>
    Task<(IReadOnlyList<byte[]> Owners, int Threshold)> ReadSafeOwnersAsync(string wallet, long height, string? blockHash, CancellationToken cancellationToken);

    /// <summary>Calls isValidSignature(bytes32, bytes) (EIP-1271) at the snapshot block.</summary>
    /// <param name="wallet">The contract address.</param>
    /// <param name="hash">The 32-byte hash.</param>
    /// <param name="signature">The signature bytes.</param>
    /// <param name="height">Snapshot height.</param>
    /// <param name="blockHash">Declared snapshot hash or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True only for the exact magic value 0x1626ba7e followed by 28 zero bytes.</returns>
    /// <exception cref="NodeException">The node failed.</exception>
    Task<bool> IsValidSignatureAsync(string wallet, byte[] hash, byte[] signature, long height, string? blockHash, CancellationToken cancellationToken);
}
