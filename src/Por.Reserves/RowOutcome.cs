// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Ownership;
using Por.Reserves.Window;

namespace Por.Reserves;

/// <summary>The verification outcome of one declaration row.</summary>
public sealed record RowOutcome
{
    /// <summary>0-based row index.</summary>
    public required int Index { get; init; }

    /// <summary>1-based source line.</summary>
    public required int Line { get; init; }

    /// <summary>Asset symbol.</summary>
    public required string Asset { get; init; }

    /// <summary>Chain name.</summary>
    public required string Chain { get; init; }

    /// <summary>Address.</summary>
    public required string Address { get; init; }

    /// <summary>Token contract, or null for the chain's native coin.</summary>
    public string? Token { get; init; }

    /// <summary>Scheme name.</summary>
    public required string Scheme { get; init; }

    /// <summary>Claimed amount in base units.</summary>
    public required UInt128 ClaimedAmount { get; init; }

    /// <summary>Decimals of the base unit.</summary>
    public required int Decimals { get; init; }

    /// <summary>The first failing check, or <see cref="RowFailure.None"/>.</summary>
    public required RowFailure Failure { get; init; }

    /// <summary>Why the row failed, or what was proven (the "reason" field of the result JSON).</summary>
    public required string Message { get; init; }

    /// <summary>True when the row counts toward verified reserves.</summary>
    public bool IsValid => Failure == RowFailure.None;

    /// <summary>Verified or failed, derived from <see cref="Failure"/>.</summary>
    public RowStatus Status => IsValid ? RowStatus.Verified : RowStatus.Failed;

    /// <summary>Ownership check result.</summary>
    public required OwnershipResult Ownership { get; init; }

    /// <summary>On-chain balance at the snapshot, when read.</summary>
    public UInt128? OnChainBalance { get; init; }

    /// <summary>The snapshot block hash the balance was read at.</summary>
    public string? BalanceBlockHash { get; init; }

    /// <summary>Snapshot height.</summary>
    public required long SnapshotHeight { get; init; }

    /// <summary>True when the signed message is not this round's challenge (accepted only with the static-message flag):
    /// the signature can be replayed in any later round.</summary>
    public required bool Replayable { get; init; }

    /// <summary>The borrowed-reserves window of a verified row on a chain with a window policy, or null.</summary>
    public WindowObservation? Window { get; init; }

    /// <summary>Stable reserves of the row: min(claim, window minimum) for a verified row with a complete window,
    /// otherwise null (not measured; counted as 0 in stable totals).</summary>
    public UInt128? StableAmount => IsValid ? Window?.Stable(ClaimedAmount) : null;
}
