// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>Which check of a round bundle failed (either mode); <see cref="None"/> when every check held.</summary>
public enum BundleFailure
{
    /// <summary>Every check held.</summary>
    None = 0,

    /// <summary>zk: the manifest names a test-only parameter set and tests were not allowed.</summary>
    TestParametersRefused,

    /// <summary>The manifest does not list exactly the files of its mode, each once.</summary>
    FileListInvalid,

    /// <summary>A listed file is missing.</summary>
    FileMissing,

    /// <summary>A listed file's size differs from the manifest.</summary>
    FileSizeMismatch,

    /// <summary>A listed file's SHA-256 differs from the manifest.</summary>
    FileDigestMismatch,

    /// <summary>Transparent: the leaf store is malformed or disagrees with the manifest's account or asset count.</summary>
    StoreInconsistent,

    /// <summary>Transparent: the stored nodes differ from the tree recomputed from the leaves.</summary>
    NodesMismatch,

    /// <summary>Transparent: two leaves carry the same account commitment.</summary>
    DuplicateAccount,

    /// <summary>A total differs: the leaves' sum (transparent) or the last batch's proven totals (zk).</summary>
    TotalMismatch,

    /// <summary>The recomputed root differs from the manifest's (transparent root, zk tree root over the batch roots).</summary>
    RootMismatch,

    /// <summary>zk: the root does not commit to the manifest's round fields.</summary>
    RootNotBound,

    /// <summary>zk: a batch statement does not parse.</summary>
    StatementMalformed,

    /// <summary>zk: a batch statement is not for this round, position, batch count or asset list.</summary>
    StatementMismatch,

    /// <summary>zk: a batch does not start from the previous batch's chain commitment (or batch 0 from zero).</summary>
    ChainBroken,

    /// <summary>zk: a batch's STARK proof does not verify (the message carries the proof-level failure).</summary>
    BatchProofRejected,
}
