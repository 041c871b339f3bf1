// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>A batch trace with the root and running totals it proves.</summary>
/// <param name="Trace">The witness rows (n − h).</param>
/// <param name="Root">The batch root.</param>
/// <param name="Totals">Per-asset running totals S_out = S_in + the batch's sums.</param>
/// <param name="Nodes">The tree in heap order: node 1 is the root, leaf i is node N + i (index 0 unused).</param>
/// <param name="Outgoing">The private opening (S_out, r_out) of K_out; the next batch's incoming opening.</param>
public sealed record ZkBatchWitness(TraceTable Trace, Goldilocks[] Root, UInt128[] Totals, Goldilocks[][] Nodes, ZkChainOpening Outgoing);
