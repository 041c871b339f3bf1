// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>Which check of a customer's inclusion file failed (either mode); <see cref="None"/> when every check held.</summary>
public enum InclusionFailure
{
    /// <summary>Every check held.</summary>
    None = 0,

    /// <summary>zk: the parameter set is unknown, or test-only and tests were not allowed.</summary>
    TestParametersRefused,

    /// <summary>The round in the file differs from the published manifest.</summary>
    RoundMismatch,

    /// <summary>zk: the root does not commit to the file's round fields.</summary>
    RootNotBound,

    /// <summary>The proof's shape is wrong: leaf or batch index, path length, salt size, non-canonical balances, sibling size.</summary>
    ProofMalformed,

    /// <summary>Transparent: a sum along the path overflows 64-bit base units.</summary>
    SumOverflow,

    /// <summary>Transparent: the tree's total of an asset differs from the stated total.</summary>
    TotalMismatch,

    /// <summary>The path from the customer's leaf does not lead to the round's root.</summary>
    RootMismatch,
}
