// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports;

/// <summary>One asset of a solvency report; amounts in whole units, exact.</summary>
/// <param name="Symbol">Asset symbol.</param>
/// <param name="Decimals">Digits used to print native amounts (the larger of the two sides' decimals).</param>
/// <param name="Liabilities">Proven customer liabilities (0 when the round has none of this asset).</param>
/// <param name="VerifiedReserves">Reserves from verified rows only.</param>
/// <param name="UnverifiedClaims">Claims of failed rows: shown, never counted.</param>
/// <param name="VerifiedRows">Verified reserve rows.</param>
/// <param name="FailedRows">Failed reserve rows.</param>
/// <param name="PriceUsd">Price of one unit in USD.</param>
/// <param name="InLiabilities">Whether the round's asset table lists the asset with non-zero liabilities.</param>
public sealed record AssetSolvency(string Symbol, int Decimals, ExactNumber Liabilities, ExactNumber VerifiedReserves, ExactNumber UnverifiedClaims, int VerifiedRows, int FailedRows, ExactNumber PriceUsd, bool InLiabilities)
{
    /// <summary>Liabilities in USD.</summary>
    public ExactNumber LiabilitiesUsd => Liabilities * PriceUsd;

    /// <summary>Verified reserves in USD.</summary>
    public ExactNumber ReservesUsd => VerifiedReserves * PriceUsd;

    /// <summary>Reserves / liabilities, or null without liabilities.</summary>
    public ExactNumber? Ratio => Liabilities.IsZero ? null : VerifiedReserves / Liabilities;

    /// <summary>Reserves − liabilities (negative: shortfall).</summary>
    public ExactNumber Excess => VerifiedReserves - Liabilities;

    /// <summary>Excess in USD.</summary>
    public ExactNumber ExcessUsd => Excess * PriceUsd;

    /// <summary>Whether verified reserves are below liabilities (ratio under 100%).</summary>
    public bool BelowFull => VerifiedReserves < Liabilities;

    /// <summary>Whether at least one verified reserves proof backs this asset.</summary>
    public bool Covered => VerifiedRows > 0;

    /// <summary>Stable reserves (minimum over the borrowed-reserves window, verified rows whose window was not
    /// measured counting 0), or null when no window was measured for this asset.</summary>
    public ExactNumber? StableReserves { get; init; }

    /// <summary>Verified rows whose window was measured.</summary>
    public int StableRows { get; init; }

    /// <summary>Verified rows flagged as a round trip around the snapshot.</summary>
    public int RoundTripRows { get; init; }

    /// <summary>Sum of the flagged round-trip amounts.</summary>
    public ExactNumber RoundTripAmount { get; init; } = ExactNumber.Zero;

    /// <summary>Stable reserves / liabilities, or null when not measured or without liabilities.</summary>
    public ExactNumber? StableRatio => StableReserves is { } stable && !Liabilities.IsZero ? stable / Liabilities : null;
}
