// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Reports.Prices;

namespace Por.Reports;

/// <summary>
/// Joins a round's proven liabilities (<see cref="VerifiedLiabilities"/>, from the verifier of either mode) with
/// verified reserves and the round's prices. Exact rational arithmetic throughout; only the rendering truncates.
/// </summary>
public static class SolvencyCalculator
{
    /// <summary>The history record of a round (what the store keeps).</summary>
    /// <param name="round">The round's liabilities as its verifier proved them (either mode).</param>
    /// <param name="reserves">Verified reserves of the same round.</param>
    /// <param name="prices">Prices of the round.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidDataException">The reserves are for another round.</exception>
    /// <exception cref="InputException">A price is missing.</exception>
    public static RoundRecord ToRecord(VerifiedLiabilities round, VerifiedReserves reserves, PriceTable prices)
    {
        CheckSameRound(round, reserves);
        ArgumentNullException.ThrowIfNull(prices);
        var assets = new List<AssetRecord>();
        var symbols = round.Assets.Assets.Select(a => a.Symbol).Concat(reserves.Assets.Select(a => a.Symbol)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var inRound = round.Assets.TryGetIndex(symbol, out var index);
            var liabilities = inRound ? (UInt128)round.Totals[index] : UInt128.Zero;
            var liabilityDecimals = inRound ? round.Assets[index].Decimals : 0;
            var evidence = reserves.Find(symbol);
            var verified = evidence?.Verified ?? UInt128.Zero;
            if (liabilities == UInt128.Zero && verified == UInt128.Zero && !inRound)
            {
                continue;
            }

            var price = prices.Find(symbol);
            if (price is null)
            {
                if (liabilities != UInt128.Zero || verified != UInt128.Zero)
                {
                    throw new InputException(prices.Source, 0, symbol, $"no price for {symbol}, which has liabilities or verified reserves in round {round.RoundId}");
                }
            }

            assets.Add(new AssetRecord(symbol, liabilities, liabilityDecimals, verified, evidence?.Decimals ?? liabilityDecimals, price ?? ExactNumber.Zero));
        }

        return new RoundRecord(round.RoundId, round.SnapshotTime, round.AccountCount, round.Root, round.Mode, assets);
    }

    /// <summary>Computes the solvency statement.</summary>
    /// <param name="round">The round's liabilities as its verifier proved them (either mode).</param>
    /// <param name="reserves">Verified reserves of the same round.</param>
    /// <param name="prices">Prices of the round.</param>
    /// <param name="options">Platform token and stablecoins.</param>
    /// <param name="history">Recorded rounds (including this one), or null without a history store.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="InvalidDataException">The reserves are for another round.</exception>
    /// <exception cref="InputException">A price is missing.</exception>
    public static SolvencyReport Compute(VerifiedLiabilities round, VerifiedReserves reserves, PriceTable prices, ReportOptions options, IReadOnlyList<RoundRecord>? history)
    {
        ArgumentNullException.ThrowIfNull(options);
        var record = ToRecord(round, reserves, prices);
        var order = round.Assets.Assets.Select((a, i) => (a.Symbol, i)).ToDictionary(p => p.Symbol, p => p.i, StringComparer.Ordinal);
        var assets = new List<AssetSolvency>();
        foreach (var a in record.Assets.OrderBy(a => order.TryGetValue(a.Symbol, out var i) ? i : int.MaxValue).ThenBy(a => a.Symbol, StringComparer.Ordinal))
        {
            var evidence = reserves.Find(a.Symbol);
            var unverified = evidence is null ? ExactNumber.Zero : ExactNumber.FromBaseUnits(evidence.Unverified, evidence.Decimals);
            assets.Add(WithWindow(
                new AssetSolvency(
                    a.Symbol, Math.Max(a.LiabilitiesDecimals, a.ReservesDecimals), a.Liabilities, a.Reserves, unverified,
                    evidence?.VerifiedRows ?? 0, evidence?.FailedRows ?? 0, a.PriceUsd, a.LiabilitiesBase != UInt128.Zero),
                evidence));
        }

        // Claims that never verified still appear, so a reader sees what was asserted but not proven.
        foreach (var e in reserves.Assets.Where(e => assets.TrueForAll(a => !string.Equals(a.Symbol, e.Symbol, StringComparison.Ordinal))))
        {
            assets.Add(new AssetSolvency(e.Symbol, e.Decimals, ExactNumber.Zero, ExactNumber.Zero, ExactNumber.FromBaseUnits(e.Unverified, e.Decimals), e.VerifiedRows, e.FailedRows, prices.Find(e.Symbol) ?? ExactNumber.Zero, false));
        }

        var coverage = Coverage(assets);
        var quality = Quality(assets, options);
        var trends = history is null ? null : HistoryTrends.Compute(history.Any(r => string.Equals(r.RoundId, record.RoundId, StringComparison.Ordinal)) ? history : [.. history, record], record.RoundId);
        var rubric = QualityRubric.Compute(round, reserves, coverage, trends);
        return new SolvencyReport(round, reserves.Custodian, assets, coverage, quality, trends, rubric);
    }

    // The borrowed-reserves window of the verified rows: stable reserves (null: not measured) and round-trip flags.
    private static AssetSolvency WithWindow(AssetSolvency asset, ReserveEvidence? evidence) => evidence is null ? asset : asset with
    {
        StableReserves = evidence.Stable is { } stable ? ExactNumber.FromBaseUnits(stable, evidence.Decimals) : null,
        StableRows = evidence.StableRows,
        RoundTripRows = evidence.RoundTripRows,
        RoundTripAmount = ExactNumber.FromBaseUnits(evidence.RoundTripAmount, evidence.Decimals),
    };

    private static void CheckSameRound(VerifiedLiabilities round, VerifiedReserves reserves)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(reserves);
        if (!string.Equals(reserves.Round, round.RoundId, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{reserves.Source} is for round '{reserves.Round}', the bundle is round '{round.RoundId}'");
        }
    }

    private static CoverageSummary Coverage(List<AssetSolvency> assets)
    {
        var covered = ExactNumber.Zero;
        var uncovered = ExactNumber.Zero;
        var uncoveredAssets = new List<string>();
        foreach (var a in assets.Where(a => a.InLiabilities))
        {
            if (a.Covered)
            {
                covered += a.LiabilitiesUsd;
            }
            else
            {
                uncovered += a.LiabilitiesUsd;
                uncoveredAssets.Add(a.Symbol);
            }
        }

        return new CoverageSummary(covered, uncovered, uncoveredAssets);
    }

    private static AssetQuality Quality(List<AssetSolvency> assets, ReportOptions options)
    {
        var total = assets.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd);
        ExactNumber? Share(IEnumerable<AssetSolvency> part) => total.IsZero ? null : part.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd) / total;
        var bySize = assets.Where(a => !a.ReservesUsd.IsZero).OrderByDescending(a => a.ReservesUsd).ThenBy(a => a.Symbol, StringComparer.Ordinal).ToList();
        var stable = new HashSet<string>(options.Stablecoins, StringComparer.Ordinal);
        var unmatched = assets.Where(a => !a.InLiabilities && !a.VerifiedReserves.IsZero).ToList();
        return new AssetQuality(
            options.PlatformToken,
            options.PlatformToken is null ? null : Share(assets.Where(a => string.Equals(a.Symbol, options.PlatformToken, StringComparison.Ordinal))),
            Share(bySize.Take(4)),
            Share(bySize.Take(10)),
            Share(assets.Where(a => stable.Contains(a.Symbol))),
            [.. options.Stablecoins],
            unmatched.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd),
            [.. unmatched.Select(a => a.Symbol)]);
    }
}
