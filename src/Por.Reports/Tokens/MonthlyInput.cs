// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Tokens;

/// <summary>What the monthly (AICPA 2025 shaped) part of a token report needs beyond the evaluation.</summary>
/// <param name="Period">The reporting month, <c>yyyy-MM</c>.</param>
/// <param name="MeasurementPoint">The one point in time the comparison is stated at (UTC).</param>
/// <param name="NonRedeemable">Every excluded balance with its classification; per chain they must sum to the readings' excluded amounts.</param>
/// <param name="Assets">Every redemption asset line; the available ones (neither pledged nor restricted) must sum to the evaluation's total reserves.</param>
public sealed record MonthlyInput(string Period, DateTimeOffset MeasurementPoint, IReadOnlyList<NonRedeemableHolding> NonRedeemable, IReadOnlyList<RedemptionAsset> Assets);
