// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports;

/// <summary>Quality of the verified reserves: shares of their USD value (0..1; null when reserves are 0).</summary>
/// <param name="PlatformToken">The custodian's own token symbol, or null when not configured.</param>
/// <param name="PlatformTokenShare">Share held in the platform token.</param>
/// <param name="Top4Share">Share of the 4 largest assets.</param>
/// <param name="Top10Share">Share of the 10 largest assets.</param>
/// <param name="StablecoinShare">Share in stablecoins.</param>
/// <param name="Stablecoins">The symbols counted as stablecoins.</param>
/// <param name="UnmatchedReservesUsd">Reserves in assets that no customer liability matches.</param>
/// <param name="UnmatchedAssets">Those assets.</param>
public sealed record AssetQuality(string? PlatformToken, ExactNumber? PlatformTokenShare, ExactNumber? Top4Share, ExactNumber? Top10Share, ExactNumber? StablecoinShare, IReadOnlyList<string> Stablecoins, ExactNumber UnmatchedReservesUsd, IReadOnlyList<string> UnmatchedAssets);
