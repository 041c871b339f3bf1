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

    /// <summary>The row names another snapshot block than the round's for its chain, or the node's block at the
    /// snapshot height has another hash.</summary>
    SnapshotMismatch,

    /// <summary>The on-chain balance at the snapshot is below the claimed amount.</summary>
    BalanceBelowClaim,

    /// <summary>The row's chain, or its asset with its token contract (or native coin) on that chain, is not in the
    /// round's registry: it cannot count.</summary>
    NotInRegistry,

    /// <summary>The row's decimals differ from the registry's for the asset, or the token's decimals read on chain at
    /// the snapshot differ from the registry's.</summary>
    DecimalsMismatch,

    /// <summary>The node reports another chain (chain id or genesis) than the registry names.</summary>
    WrongChain,
}
