// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Model;

/// <summary>
/// One evaluation of one token: every supply reading and reserve figure, and the status they give. Supply and
/// reserves are exact integers in the token's canonical base units; the ratio is reserves / circulating supply, given
/// only when every piece of evidence is usable.
/// </summary>
/// <param name="TokenId">The token's id in the supply registry.</param>
/// <param name="Decimals">The token's canonical decimals (the unit of every amount here).</param>
/// <param name="EvaluatedAt">When the evaluation ran (UTC).</param>
/// <param name="Supply">Every deployment's reading, in registry order.</param>
/// <param name="Reserves">Every reserve source's evidence, in registry order.</param>
/// <param name="CirculatingSupply">Σ counted supply; meaningful only when no supply reading failed.</param>
/// <param name="TotalReserves">Σ reserves; meaningful only when no reserve evidence failed.</param>
/// <param name="MarginBasisPoints">The required margin over 1:1, in basis points.</param>
/// <param name="Status">The outcome.</param>
public sealed record TokenEvaluation(
    string TokenId,
    int Decimals,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<SupplyReading> Supply,
    IReadOnlyList<ReserveEvidence> Reserves,
    BigInteger CirculatingSupply,
    BigInteger TotalReserves,
    int MarginBasisPoints,
    TokenStatus Status)
{
    /// <summary>Whether a ratio may be reported: every reading and every piece of evidence is usable.</summary>
    public bool HasRatio => Status != TokenStatus.EvidenceFailed;

    /// <summary>
    /// The supply readings and reserve evidence that failed, for the status line and alerts:
    /// <c>supply CHAIN/CONTRACT: CODE</c> and <c>reserve SOURCE: CODE</c>, with the snake_case code of
    /// <see cref="EvidenceFailureCodes"/>.
    /// </summary>
    public IEnumerable<string> FailedEvidence =>
        Supply.Where(s => s.Failure != EvidenceFailure.None).Select(s => $"supply {s.Chain}/{s.Contract}: {EvidenceFailureCodes.Of(s.Failure)}")
            .Concat(Reserves.Where(r => r.Failure != EvidenceFailure.None).Select(r => $"reserve {r.SourceId}: {EvidenceFailureCodes.Of(r.Failure)}"));

    /// <summary>
    /// The status that evidence and amounts give: <see cref="TokenStatus.EvidenceFailed"/> when anything failed,
    /// otherwise the comparison of reserves with supply × (1 + margin), exact in integers.
    /// </summary>
    /// <param name="supply">Every supply reading.</param>
    /// <param name="reserves">Every reserve figure.</param>
    /// <param name="circulating">Circulating supply.</param>
    /// <param name="totalReserves">Total reserves.</param>
    /// <param name="marginBasisPoints">The margin in basis points (≥ 0).</param>
    /// <returns>The status.</returns>
    public static TokenStatus StatusOf(
        IReadOnlyList<SupplyReading> supply, IReadOnlyList<ReserveEvidence> reserves, BigInteger circulating, BigInteger totalReserves, int marginBasisPoints)
    {
        ArgumentNullException.ThrowIfNull(supply);
        ArgumentNullException.ThrowIfNull(reserves);
        ArgumentOutOfRangeException.ThrowIfNegative(marginBasisPoints);
        if (supply.Count == 0 || reserves.Count == 0
            || supply.Any(s => s.Failure != EvidenceFailure.None) || reserves.Any(r => r.Failure != EvidenceFailure.None))
        {
            return TokenStatus.EvidenceFailed;
        }

        if (totalReserves < circulating)
        {
            return TokenStatus.Undercollateralized;
        }

        // reserves ≥ supply × (10,000 + margin) / 10,000, compared without division.
        return totalReserves * 10_000 >= circulating * (10_000 + marginBasisPoints) ? TokenStatus.Covered : TokenStatus.BelowMargin;
    }
}
