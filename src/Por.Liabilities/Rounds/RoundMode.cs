// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>How a round proves its liabilities; a bundle's manifest and every inclusion file name their mode.</summary>
public enum RoundMode
{
    /// <summary>The Merkle sum tree: totals and every leaf are open to the auditor ("transparent").</summary>
    Transparent,

    /// <summary>Zero-knowledge batch proofs: only totals, roots and the batch count are public ("zk").</summary>
    Zk,
}
