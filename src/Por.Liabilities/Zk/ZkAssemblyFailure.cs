// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>Why the assembler rejected a batch (docs/distributed.md "Assemble").</summary>
public enum ZkAssemblyFailure
{
    /// <summary>Every check held.</summary>
    None,

    /// <summary>No proof of the batch was returned.</summary>
    MissingProof,

    /// <summary>A returned proof does not verify against the plan's statement for its batch (corrupted, another batch's, another parameter set's, or another plan's).</summary>
    InvalidProof,
}
