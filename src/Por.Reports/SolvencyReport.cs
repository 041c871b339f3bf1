// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;

namespace Por.Reports;

/// <summary>The solvency statement of one round: what <c>report.json</c> holds and what an auditor signs.</summary>
/// <param name="Round">The round's liabilities as its verifier proved them (either mode).</param>
/// <param name="Custodian">Custodian named by the reserves declaration.</param>
/// <param name="Assets">Per-asset figures: round assets first (table order), then reserve-only assets by symbol.</param>
/// <param name="Coverage">Coverage of liabilities by reserves proofs.</param>
/// <param name="Quality">Reserve quality.</param>
/// <param name="History">Trends across recorded rounds, or null without a history store.</param>
/// <param name="Rubric">The rubric criteria computed from the statement's own inputs (attestation is judged apart).</param>
public sealed record SolvencyReport(VerifiedLiabilities Round, string Custodian, IReadOnlyList<AssetSolvency> Assets, CoverageSummary Coverage, AssetQuality Quality, HistoryTrends? History, IReadOnlyList<RubricCriterion> Rubric)
{
    /// <summary>Round id.</summary>
    public string RoundId => Round.RoundId;

    /// <summary>Snapshot time.</summary>
    public DateTimeOffset SnapshotTime => Round.SnapshotTime;

    /// <summary>Round root (hex).</summary>
    public string Root => Round.Root;

    /// <summary>The mode the liabilities were proven in ("transparent" or "zk").</summary>
    public string Mode => Round.Mode.Name();

    /// <summary>Accounts in the round, or null when the mode keeps the count secret (zk).</summary>
    public long? AccountCount => Round.AccountCount;

    /// <summary>Total liabilities in USD.</summary>
    public ExactNumber LiabilitiesUsd => Assets.Aggregate(ExactNumber.Zero, (s, a) => s + a.LiabilitiesUsd);

    /// <summary>Total verified reserves in USD.</summary>
    public ExactNumber ReservesUsd => Assets.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd);

    /// <summary>Assets whose ratio is below 100%.</summary>
    public IEnumerable<AssetSolvency> Flagged => Assets.Where(a => a.BelowFull);
}
