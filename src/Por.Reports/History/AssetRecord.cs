// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports.History;

/// <summary>One asset of a recorded round: exact liabilities, verified reserves and the round's price.</summary>
/// <param name="Symbol">Asset symbol.</param>
/// <param name="LiabilitiesBase">Proven liabilities in base units (0 for reserve-only assets).</param>
/// <param name="LiabilitiesDecimals">Decimals of the liabilities' base unit.</param>
/// <param name="ReservesBase">Verified reserves in base units.</param>
/// <param name="ReservesDecimals">Decimals of the reserves' base unit.</param>
/// <param name="PriceUsd">Price of one whole unit in USD.</param>
public sealed record AssetRecord(string Symbol, UInt128 LiabilitiesBase, int LiabilitiesDecimals, UInt128 ReservesBase, int ReservesDecimals, ExactNumber PriceUsd)
{
    /// <summary>Liabilities in whole units.</summary>
    public ExactNumber Liabilities => ExactNumber.FromBaseUnits(LiabilitiesBase, LiabilitiesDecimals);

    /// <summary>Verified reserves in whole units.</summary>
    public ExactNumber Reserves => ExactNumber.FromBaseUnits(ReservesBase, ReservesDecimals);

    /// <summary>Reserves / liabilities, or null when there are no liabilities.</summary>
    public ExactNumber? Ratio => LiabilitiesBase == UInt128.Zero ? null : Reserves / Liabilities;

    /// <summary>Liabilities in USD.</summary>
    public ExactNumber LiabilitiesUsd => Liabilities * PriceUsd;

    /// <summary>Verified reserves in USD.</summary>
    public ExactNumber ReservesUsd => Reserves * PriceUsd;
}
