// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;

namespace Por.Reports;

/// <summary>
/// The PoR quality rubric (docs/report.md explains each threshold): publication frequency, zero-knowledge or
/// transparent liabilities, per-asset liabilities, fresh per-round signatures, coverage, and auditor attestation.
/// </summary>
public static class QualityRubric
{
    /// <summary>Longest median gap between rounds that counts as monthly publication.</summary>
    public static readonly TimeSpan MonthlyGap = TimeSpan.FromDays(35);

    /// <summary>Longest median gap that still earns a partial (quarterly).</summary>
    public static readonly TimeSpan QuarterlyGap = TimeSpan.FromDays(100);

    /// <summary>The criteria judged from the statement's inputs (all but attestation).</summary>
    /// <param name="round">The round's proven liabilities.</param>
    /// <param name="reserves">The verified reserves.</param>
    /// <param name="coverage">Coverage.</param>
    /// <param name="history">Trends, or null without a store.</param>
    /// <returns>Five criteria.</returns>
    public static IReadOnlyList<RubricCriterion> Compute(VerifiedLiabilities round, VerifiedReserves reserves, CoverageSummary coverage, HistoryTrends? history)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(reserves);
        ArgumentNullException.ThrowIfNull(coverage);
        return [Frequency(history), ZeroKnowledge(round.Mode), PerAsset(round), Freshness(reserves), Coverage(coverage)];
    }

    /// <summary>The attestation criterion.</summary>
    /// <param name="auditor">Who attested, or null when no attestation was given.</param>
    /// <param name="verified">Whether the attestation verified against the trusted key, manifest and report.</param>
    /// <param name="failure">Why it did not verify.</param>
    /// <returns>The criterion.</returns>
    public static RubricCriterion Attestation(string? auditor, bool verified, string? failure) => auditor is null
        ? new RubricCriterion("auditor_attested", "Auditor attested", RubricStatus.Fail, "no auditor attestation was supplied for this report")
        : verified
            ? new RubricCriterion("auditor_attested", "Auditor attested", RubricStatus.Pass, $"{auditor} signed the digest of this round's manifest and report; the signature verifies with the trusted key")
            : new RubricCriterion("auditor_attested", "Auditor attested", RubricStatus.Fail, $"the attestation by {auditor} does not verify: {failure}");

    private static RubricCriterion Frequency(HistoryTrends? history)
    {
        const string Title = "Rounds published regularly";
        if (history is null)
        {
            return new RubricCriterion("frequency", Title, RubricStatus.Unknown, "no history store was given, so the publication rhythm is unknown");
        }

        if (history.Rounds.Count < 2)
        {
            return new RubricCriterion("frequency", Title, RubricStatus.Unknown, "only one round is recorded; the rhythm needs two or more");
        }

        var gaps = history.Rounds.Zip(history.Rounds.Skip(1), (a, b) => b.SnapshotTime - a.SnapshotTime).Order().ToList();
        var median = gaps[gaps.Count / 2];
        var text = string.Create(CultureInfo.InvariantCulture, $"median gap between the {history.Rounds.Count} recorded rounds is {median.TotalDays:0.#} days");
        return median <= MonthlyGap
            ? new RubricCriterion("frequency", Title, RubricStatus.Pass, text + " (monthly or more often)")
            : median <= QuarterlyGap
                ? new RubricCriterion("frequency", Title, RubricStatus.Partial, text + " (less often than monthly: a custodian can borrow reserves between rounds)")
                : new RubricCriterion("frequency", Title, RubricStatus.Fail, text + " (rarer than quarterly)");
    }

    private static RubricCriterion ZeroKnowledge(RoundMode mode) => mode == RoundMode.Transparent
        ? new RubricCriterion("zero_knowledge", "Liabilities proven in zero knowledge", RubricStatus.Partial,
            "transparent Merkle sum tree: every total and inclusion is checkable, but whoever holds the store sees every balance (no zero-knowledge hiding)")
        : new RubricCriterion("zero_knowledge", "Liabilities proven in zero knowledge", RubricStatus.Pass, $"liabilities mode '{mode}' proves the totals without revealing balances");

    private static RubricCriterion PerAsset(VerifiedLiabilities round) => new(
        "per_asset_liabilities", "Liabilities proven per asset", RubricStatus.Pass,
        round.IsZeroKnowledge
            ? $"the round proves a separate total for each of its {round.Assets.Count} assets in native units, checked here by verifying every batch proof before use"
            : $"the round proves a separate total for each of its {round.Assets.Count} assets in native units, recomputed here from every leaf before use");

    private static RubricCriterion Freshness(VerifiedReserves reserves)
    {
        const string Title = "Fresh per-round ownership signatures";
        var verified = reserves.Assets.Sum(a => a.VerifiedRows);
        var replayable = reserves.Assets.Sum(a => a.ReplayableRows);
        if (verified == 0)
        {
            return new RubricCriterion("fresh_signatures", Title, RubricStatus.Fail, "no reserve row verified, so no signature proves control in this round");
        }

        return replayable == 0
            ? new RubricCriterion("fresh_signatures", Title, RubricStatus.Pass, $"all {verified} verified rows sign this round's challenge (round id and snapshot block hash)")
            : new RubricCriterion("fresh_signatures", Title, RubricStatus.Fail, $"{replayable} of {verified} verified rows sign a static message that can be replayed from an earlier round");
    }

    private static RubricCriterion Coverage(CoverageSummary coverage)
    {
        const string Title = "Liabilities covered by reserves proofs";
        if (coverage.CoveredShare is not { } share)
        {
            return new RubricCriterion("coverage", Title, RubricStatus.Unknown, "the round has no liabilities");
        }

        var percent = (share * ExactNumber.Create(100, 1)).Format(2);
        var missing = coverage.UncoveredAssets.Count == 0 ? string.Empty : $"; no verified reserves for {string.Join(", ", coverage.UncoveredAssets)}";
        return share == ExactNumber.One
            ? new RubricCriterion("coverage", Title, RubricStatus.Pass, "every asset with customer liabilities has verified reserves proofs")
            : share >= ExactNumber.Create(9, 10)
                ? new RubricCriterion("coverage", Title, RubricStatus.Partial, $"{percent}% of liabilities (USD) are in assets with verified reserves{missing}")
                : new RubricCriterion("coverage", Title, RubricStatus.Fail, $"only {percent}% of liabilities (USD) are in assets with verified reserves{missing}");
    }
}
