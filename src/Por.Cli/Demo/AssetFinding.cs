// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>What the verified report and reserves result say about one asset of the demo round.</summary>
/// <param name="Symbol">The asset.</param>
/// <param name="InLiabilities">Whether customers hold it (it is in the round).</param>
/// <param name="RatioPercent">Verified reserves over liabilities in percent (two decimals), or null without liabilities.</param>
/// <param name="BelowFull">Whether verified reserves are below liabilities.</param>
/// <param name="VerifiedRows">Reserve rows that verified.</param>
/// <param name="FailureCodes">The failure code of each reserve row that failed.</param>
/// <param name="RoundTripRows">Verified rows whose window shows a round trip around the snapshot.</param>
/// <param name="StableRatioPercent">Stable reserves over liabilities in percent, or null when not measured.</param>
internal sealed record AssetFinding(
    string Symbol, bool InLiabilities, string? RatioPercent, bool BelowFull, int VerifiedRows, IReadOnlyList<string> FailureCodes, int RoundTripRows, string? StableRatioPercent);
