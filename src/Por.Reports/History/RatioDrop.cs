// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports.History;

/// <summary>One asset's reserve ratio fall since the previous round (ratios exact, 1 = 100%).</summary>
/// <param name="Symbol">The asset.</param>
/// <param name="Before">The ratio in the previous round.</param>
/// <param name="After">The ratio now (below <paramref name="Before"/>).</param>
public sealed record RatioDrop(string Symbol, ExactNumber Before, ExactNumber After);
