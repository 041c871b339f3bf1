// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier;

/// <summary>How a round proves its liabilities, as named by its manifest and every inclusion file.</summary>
public enum VerifiedMode
{
    /// <summary>Merkle sum tree (<c>por-round/1</c>, <c>por-inclusion/1</c>): the auditor sees every leaf.</summary>
    Transparent,

    /// <summary>Zero-knowledge batch proofs (<c>por-round/2</c>, <c>por-inclusion/2</c>): only totals and roots are public.</summary>
    Zk,
}
