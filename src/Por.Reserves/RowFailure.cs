// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>Why a declaration row does not count toward verified reserves (the first failing check).</summary>
public enum RowFailure
{
    /// <summary>Ownership proven and the on-chain balance at the snapshot covers the claim.</summary>
    None = 0,

    /// <summary>The same chain, asset and address are claimed by more than one row (double counting).</summary>
    DuplicateClaim,

    /// <summary>The ownership check failed; <see cref="RowOutcome.Ownership"/> says which check.</summary>
    OwnershipFailed,

    /// <summary>No node is configured for the row's chain, so the balance cannot be read.</summary>
    NodeNotConfigured,

    /// <summary>The balance of this row cannot be read (asset not native and no token, token on a Bitcoin chain, address
    /// the node rejects).</summary>
    BalanceUnreadable,

    /// <summary>The node failed (timeout, unreachable, protocol error, no history) or returned no balance.</summary>
    NodeUnavailable,

    /// <summary>The node is on another chain or the snapshot block does not match the declared hash.</summary>
    SnapshotMismatch,

    /// <summary>The on-chain balance at the snapshot is below the claimed amount.</summary>
    BalanceBelowClaim,
}
