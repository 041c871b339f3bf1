// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Core.Liabilities.Zk;

/// <summary>A batch trace with the root and totals it proves.</summary>
/// <param name="Trace">The witness rows (n − h).</param>
/// <param name="Root">The batch root.</param>
/// <param name="Totals">Per-asset totals.</param>
/// <param name="Nodes">The tree in heap order: node 1 is the root, leaf i is node N + i (index 0 unused).</param>
public sealed record ZkBatchWitness(TraceTable Trace, Goldilocks[] Root, UInt128[] Totals, Goldilocks[][] Nodes);
