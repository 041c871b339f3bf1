// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports;

/// <summary>Customer liabilities (USD) in assets backed by at least one verified reserves proof, and the rest.</summary>
/// <param name="CoveredUsd">Liabilities in covered assets.</param>
/// <param name="UncoveredUsd">Liabilities in assets without any verified reserves proof.</param>
/// <param name="UncoveredAssets">Those assets.</param>
public sealed record CoverageSummary(ExactNumber CoveredUsd, ExactNumber UncoveredUsd, IReadOnlyList<string> UncoveredAssets)
{
    /// <summary>Covered share of liabilities (0..1), or null when there are no liabilities.</summary>
    public ExactNumber? CoveredShare => (CoveredUsd + UncoveredUsd).IsZero ? null : CoveredUsd / (CoveredUsd + UncoveredUsd);
}
