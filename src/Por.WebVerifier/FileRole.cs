// SPDX-License-Identifier: Apache-2.0

namespace Por.WebVerifier;

/// <summary>What a dropped file is used as.</summary>
internal enum FileRole
{
    /// <summary>The customer's inclusion file (any file that is not one of the others).</summary>
    Inclusion,

    /// <summary>The round's manifest.json (its format names a round).</summary>
    Manifest,

    /// <summary>A zk batch proof or statement (<c>batch-NNNNN.proof</c>, <c>batch-NNNNN.statement</c>).</summary>
    Batch,
}
