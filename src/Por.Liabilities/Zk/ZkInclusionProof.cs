// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// A customer's zk inclusion proof: the leaf opening (account id, salt, holdings) and the two Merkle paths (batch
/// tree, then top tree). The proof part proper is the paths: 32 bytes per level.
/// </summary>
/// <param name="ParameterSetId">The round's parameter set (fixes the batch depth).</param>
/// <param name="AccountId">The customer's account id (UTF-8).</param>
/// <param name="Salt">The 32-byte per-round salt.</param>
/// <param name="Holdings">Canonical holdings (0-based asset indices).</param>
/// <param name="BatchIndex">b.</param>
/// <param name="BatchCount">B (from the round manifest when verifying).</param>
/// <param name="LeafIndex">Index in the batch.</param>
/// <param name="BatchPath">log2 N siblings, bottom first.</param>
/// <param name="TopPath">⌈log2 B⌉ siblings, bottom first.</param>
public sealed record ZkInclusionProof(
    string ParameterSetId,
    byte[] AccountId,
    byte[] Salt,
    Holding[] Holdings,
    int BatchIndex,
    int BatchCount,
    long LeafIndex,
    Goldilocks[][] BatchPath,
    Goldilocks[][] TopPath)
{
    /// <summary>Bytes of Merkle proof material (siblings).</summary>
    public int PathBytes => 8 * ZkAccountEncoding.DigestSize * (BatchPath.Length + TopPath.Length);
}
