// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>A returned batch proof, content-addressed by the SHA-256 of its bytes.</summary>
/// <param name="BatchIndex">b.</param>
/// <param name="Proof">The STARK proof bytes.</param>
/// <param name="Sha256Hex">SHA-256 of <paramref name="Proof"/>, 64 lowercase hex digits.</param>
public sealed record ZkBatchResult(int BatchIndex, byte[] Proof, string Sha256Hex);
