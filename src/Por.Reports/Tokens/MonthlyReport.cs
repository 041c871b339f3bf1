// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Common;
using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>
/// The monthly part of a token report, shaped after the AICPA 2025 Criteria for Stablecoin Reporting: redeemable tokens
/// outstanding, redemption assets available, and their comparison at one measurement point with the timing differences
/// stated. Built by <see cref="TokenReport.Build"/>, which reconciles it with the evaluation.
/// </summary>
/// <param name="Period">The month, <c>yyyy-MM</c>.</param>
/// <param name="MeasurementPoint">The measurement point.</param>
/// <param name="Minted">Every deployment's minted supply (a lock-and-mint representation is listed, not added).</param>
/// <param name="MintedTotal">Σ minted supply of the deployments that count.</param>
/// <param name="NonRedeemable">The excluded balances with their classification.</param>
/// <param name="TemporarilyNonRedeemable">Σ temporarily non-redeemable.</param>
/// <param name="PermanentlyNonRedeemable">Σ permanently non-redeemable.</param>
/// <param name="Outstanding">Redeemable tokens outstanding = minted − temporarily − permanently (equals circulating supply).</param>
/// <param name="Assets">The redemption asset lines.</param>
/// <param name="AssetsTotal">Σ every line, pledged and restricted ones included.</param>
/// <param name="AvailableTotal">Σ lines neither pledged nor restricted (equals the evaluation's total reserves).</param>
/// <param name="Comparable">Whether every piece of evidence was usable (else no comparison is stated).</param>
/// <param name="Timing">The timing difference of every piece of evidence from the measurement point.</param>
public sealed record MonthlyReport(
    string Period,
    DateTimeOffset MeasurementPoint,
    IReadOnlyList<SupplyReading> Minted,
    BigInteger MintedTotal,
    IReadOnlyList<NonRedeemableHolding> NonRedeemable,
    BigInteger TemporarilyNonRedeemable,
    BigInteger PermanentlyNonRedeemable,
    BigInteger Outstanding,
    IReadOnlyList<RedemptionAsset> Assets,
    BigInteger AssetsTotal,
    BigInteger AvailableTotal,
    bool Comparable,
    IReadOnlyList<TimingDifference> Timing)
{
    /// <summary>Available assets − outstanding tokens (negative: a shortfall).</summary>
    public BigInteger Excess => AvailableTotal - Outstanding;

    /// <summary>Available assets / outstanding tokens, or null when not comparable or nothing is outstanding.</summary>
    public ExactNumber? Ratio => Comparable && !Outstanding.IsZero ? ExactNumber.Create(AvailableTotal, Outstanding) : null;

    /// <summary>Whether available assets cover outstanding tokens (null when not comparable).</summary>
    public bool? Covered => Comparable ? AvailableTotal >= Outstanding : null;

    /// <summary>Σ assets by type, in first-seen order.</summary>
    public IReadOnlyList<(string Type, BigInteger Amount, BigInteger Available)> ByType =>
    [
        .. Assets.GroupBy(a => a.AssetType, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Aggregate(BigInteger.Zero, (s, a) => s + a.Amount), g.Where(a => a.Available).Aggregate(BigInteger.Zero, (s, a) => s + a.Amount))),
    ];
}
