// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>One account's witness: its id commitment C and its canonical holdings (0-based asset indices).</summary>
/// <param name="IdCommitment">C (4 elements).</param>
/// <param name="Holdings">Holdings in strictly increasing asset order.</param>
public sealed record ZkAccount(Goldilocks[] IdCommitment, Holding[] Holdings);
