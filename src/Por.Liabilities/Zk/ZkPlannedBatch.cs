// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>One batch of a round plan: what its proof must show, fixed before any proof.</summary>
/// <param name="Index">b.</param>
/// <param name="UnitSha256">SHA-256 of the batch's encrypted work unit file (32 bytes).</param>
/// <param name="Root">R_b, the batch tree root over the planned leaves (4 elements).</param>
/// <param name="ChainOut">K_b (4 elements); empty for the last batch, whose statement publishes the totals instead.</param>
public sealed record ZkPlannedBatch(int Index, byte[] UnitSha256, Goldilocks[] Root, Goldilocks[] ChainOut);
