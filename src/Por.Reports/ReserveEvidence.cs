// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>What a reserves result proves for one asset.</summary>
/// <param name="Symbol">Asset symbol.</param>
/// <param name="Decimals">Decimals of the base unit used by the reserve rows.</param>
/// <param name="Verified">Verified reserves in base units (sum of the verified rows' claims).</param>
/// <param name="Unverified">Claims of failed rows in base units: listed, never counted.</param>
/// <param name="VerifiedRows">Verified rows.</param>
/// <param name="FailedRows">Failed rows.</param>
/// <param name="ReplayableRows">Verified rows whose signed message is not the round's challenge.</param>
public sealed record ReserveEvidence(string Symbol, int Decimals, UInt128 Verified, UInt128 Unverified, int VerifiedRows, int FailedRows, int ReplayableRows)
{
    /// <summary>Stable reserves in base units (verified rows with a measured window add min(claim, window minimum),
    /// the other verified rows 0), or null when no verified row's window was measured ("not measured").</summary>
    public UInt128? Stable { get; init; }

    /// <summary>Verified rows whose window was measured.</summary>
    public int StableRows { get; init; }

    /// <summary>Verified rows that carry a window (measured or not).</summary>
    public int WindowRows { get; init; }

    /// <summary>Verified rows flagged as a round trip (funds in shortly before the snapshot, out shortly after).</summary>
    public int RoundTripRows { get; init; }

    /// <summary>Sum of the flagged rows' round-trip amounts in base units.</summary>
    public UInt128 RoundTripAmount { get; init; }
}
