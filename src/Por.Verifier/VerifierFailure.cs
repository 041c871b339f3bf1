// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier;

/// <summary>
/// Which check failed, in one vocabulary for inclusion files and zk rounds of either mode; <see cref="None"/> when
/// every check held. In JSON each member is written in snake case (<see cref="VerifierFailures.Code"/>).
/// </summary>
public enum VerifierFailure
{
    /// <summary>Every check held.</summary>
    None = 0,

    /// <summary>The inclusion file is not a readable por inclusion file (garbage, truncated, unknown format or field).</summary>
    InclusionMalformed,

    /// <summary>The manifest is not a readable por round manifest.</summary>
    ManifestMalformed,

    /// <summary>The inclusion file and the manifest are of different modes (one transparent, one zk).</summary>
    ModeMismatch,

    /// <summary>The round in the inclusion file differs from the published manifest.</summary>
    RoundMismatch,

    /// <summary>zk: the parameter set is unknown or for tests only.</summary>
    ParametersRefused,

    /// <summary>zk: the published root does not commit to the round's other fields.</summary>
    RootNotBound,

    /// <summary>The proof's shape is wrong (indices, path length, salt size, non-canonical balances, sibling size).</summary>
    ProofMalformed,

    /// <summary>Transparent: a sum along the path overflows 64-bit base units.</summary>
    SumOverflow,

    /// <summary>A total differs: the tree's (transparent inclusion) or the last batch's proven totals (zk round).</summary>
    TotalMismatch,

    /// <summary>The path from the customer's leaf (or the batch roots) does not lead to the round's root.</summary>
    RootMismatch,

    /// <summary>Batch proofs were checked against a transparent manifest: only zk rounds have them.</summary>
    NotZkRound,

    /// <summary>zk round: the manifest does not list exactly the batches' proofs and statements.</summary>
    FileListInvalid,

    /// <summary>zk round: a file the manifest lists was not given.</summary>
    FileMissing,

    /// <summary>zk round: two different files were given under the same name.</summary>
    FileDuplicated,

    /// <summary>zk round: a file's size differs from the manifest.</summary>
    FileSizeMismatch,

    /// <summary>zk round: a file's SHA-256 differs from the manifest.</summary>
    FileDigestMismatch,

    /// <summary>zk round: a batch statement does not parse.</summary>
    StatementMalformed,

    /// <summary>zk round: a batch statement is not for this round, position, batch count or asset list.</summary>
    StatementMismatch,

    /// <summary>zk round: a batch does not start from the previous batch's chain commitment (or batch 0 from zero).</summary>
    ChainBroken,

    /// <summary>zk round: a batch's STARK proof does not verify.</summary>
    BatchProofRejected,
}
