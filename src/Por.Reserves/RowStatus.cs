// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>Whether a row counts toward verified reserves.</summary>
public enum RowStatus
{
    /// <summary>Ownership proven and the on-chain balance at the snapshot covers the claim.</summary>
    Verified,

    /// <summary>Anything else; the claim is listed as unverified.</summary>
    Failed,
}
