// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Reports.Prices;

namespace Por.Reports;

/// <summary>
/// The versioned JSON of a solvency statement ("por-report/3", docs/report.md). The output is deterministic (same
/// inputs, same bytes), so an auditor's signature over it can be checked by recomputing the report.
/// </summary>
public static class SolvencyReportJson
{
    /// <summary>The format identifier.</summary>
    public const string FormatVersion = "por-report/3";

    /// <summary>Serialises a statement.</summary>
    /// <param name="report">The statement.</param>
    /// <returns>Indented UTF-8 JSON with a trailing newline.</returns>
    public static byte[] Serialize(SolvencyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteBody(w, report);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Writes the statement's members into an open JSON object (used by the CLI's --json output too).</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="report">The statement.</param>
    public static void WriteBody(Utf8JsonWriter w, SolvencyReport report)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        w.WriteString("format", FormatVersion);
        w.WriteStartObject("round");
        w.WriteString("id", report.RoundId);
        w.WriteString("snapshot_time", UtcTime.Format(report.SnapshotTime));
        w.WriteString("root", report.Root);
        w.WriteString("mode", report.Mode);
        WriteNullable(w, "account_count", report.AccountCount);
        WriteNullable(w, "parameter_set", report.Round.ParameterSetId);
        WriteNullable(w, "batch_count", report.Round.BatchCount);
        WriteNullable(w, "accounts_per_batch", report.Round.AccountsPerBatch);
        w.WriteEndObject();
        w.WriteString("custodian", report.Custodian);
        w.WriteStartObject("totals");
        w.WriteString("liabilities_usd", ReportFormat.Usd(report.LiabilitiesUsd));
        w.WriteString("reserves_usd", ReportFormat.Usd(report.ReservesUsd));
        w.WriteString("excess_usd", ReportFormat.Usd(report.ReservesUsd - report.LiabilitiesUsd));
        WriteNullable(w, "ratio_percent", report.LiabilitiesUsd.IsZero ? null : ReportFormat.Percent(report.ReservesUsd / report.LiabilitiesUsd));
        w.WriteEndObject();
        w.WriteStartArray("flagged_below_100");
        foreach (var a in report.Flagged)
        {
            w.WriteStringValue(a.Symbol);
        }

        w.WriteEndArray();
        w.WriteStartArray("assets");
        foreach (var a in report.Assets)
        {
            WriteAsset(w, a);
        }

        w.WriteEndArray();
        WriteCoverage(w, report.Coverage);
        WriteQuality(w, report.Quality);
        WriteHistory(w, report.History);
        w.WriteStartArray("rubric");
        foreach (var c in report.Rubric)
        {
            WriteCriterion(w, c);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes one rubric criterion as an object.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="c">The criterion.</param>
    public static void WriteCriterion(Utf8JsonWriter w, RubricCriterion c)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("title", c.Title);
        w.WriteString("status", c.StatusName);
        w.WriteNumber("points", c.Points);
        w.WriteString("reason", c.Reason);
        w.WriteEndObject();
    }

    private static void WriteAsset(Utf8JsonWriter w, AssetSolvency a)
    {
        w.WriteStartObject();
        w.WriteString("symbol", a.Symbol);
        w.WriteNumber("decimals", a.Decimals);
        w.WriteString("price_usd", a.PriceUsd.Format(PriceFileReader.MaxFractionDigits).TrimEnd('0').TrimEnd('.'));
        w.WriteString("liabilities", ReportFormat.Native(a.Liabilities, a.Decimals));
        w.WriteString("verified_reserves", ReportFormat.Native(a.VerifiedReserves, a.Decimals));
        w.WriteString("unverified_claims", ReportFormat.Native(a.UnverifiedClaims, a.Decimals));
        w.WriteNumber("verified_rows", a.VerifiedRows);
        w.WriteNumber("failed_rows", a.FailedRows);
        w.WriteString("liabilities_usd", ReportFormat.Usd(a.LiabilitiesUsd));
        w.WriteString("reserves_usd", ReportFormat.Usd(a.ReservesUsd));
        WriteNullable(w, "ratio_percent", ReportFormat.Percent(a.Ratio));
        WriteNullable(w, "ratio_exact", a.Ratio?.ToFraction());
        w.WriteString("excess", ReportFormat.Native(a.Excess, a.Decimals));
        w.WriteString("excess_usd", ReportFormat.Usd(a.ExcessUsd));
        w.WriteBoolean("below_100", a.BelowFull);
        w.WriteBoolean("in_liabilities", a.InLiabilities);
        w.WriteBoolean("covered", a.Covered);
        WriteNullable(w, "stable_reserves", a.StableReserves is { } stable ? ReportFormat.Native(stable, a.Decimals) : null);
        WriteNullable(w, "stable_ratio_percent", ReportFormat.Percent(a.StableRatio));
        w.WriteNumber("stable_rows", a.StableRows);
        w.WriteNumber("round_trip_rows", a.RoundTripRows);
        w.WriteString("round_trip_amount", ReportFormat.Native(a.RoundTripAmount, a.Decimals));
        w.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter w, CoverageSummary c)
    {
        w.WriteStartObject("coverage");
        w.WriteString("covered_liabilities_usd", ReportFormat.Usd(c.CoveredUsd));
        w.WriteString("uncovered_liabilities_usd", ReportFormat.Usd(c.UncoveredUsd));
        WriteNullable(w, "covered_percent", ReportFormat.Percent(c.CoveredShare));
        WriteStrings(w, "uncovered_assets", c.UncoveredAssets);
        w.WriteEndObject();
    }

    private static void WriteQuality(Utf8JsonWriter w, AssetQuality q)
    {
        w.WriteStartObject("quality");
        WriteNullable(w, "platform_token", q.PlatformToken);
        WriteNullable(w, "platform_token_percent", ReportFormat.Percent(q.PlatformTokenShare));
        WriteNullable(w, "top4_percent", ReportFormat.Percent(q.Top4Share));
        WriteNullable(w, "top10_percent", ReportFormat.Percent(q.Top10Share));
        WriteNullable(w, "stablecoin_percent", ReportFormat.Percent(q.StablecoinShare));
        WriteStrings(w, "stablecoins", q.Stablecoins);
        w.WriteString("unmatched_reserves_usd", ReportFormat.Usd(q.UnmatchedReservesUsd));
        WriteStrings(w, "unmatched_assets", q.UnmatchedAssets);
        w.WriteEndObject();
    }

    private static void WriteHistory(Utf8JsonWriter w, HistoryTrends? h)
    {
        if (h is null)
        {
            w.WriteNull("history");
            return;
        }

        w.WriteStartObject("history");
        w.WriteStartArray("rounds");
        foreach (var r in h.Rounds)
        {
            w.WriteStartObject();
            w.WriteString("round_id", r.RoundId);
            w.WriteString("snapshot_time", UtcTime.Format(r.SnapshotTime));
            w.WriteString("mode", r.Mode.Name());
            WriteNullable(w, "account_count", r.AccountCount);
            w.WriteString("liabilities_usd", ReportFormat.Usd(r.LiabilitiesUsd));
            w.WriteString("reserves_usd", ReportFormat.Usd(r.ReservesUsd));
            w.WriteStartObject("ratio_percent");
            foreach (var a in r.Assets.Where(a => a.Ratio is not null))
            {
                w.WriteString(a.Symbol, ReportFormat.Percent(a.Ratio));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("changes");
        foreach (var c in h.Changes)
        {
            w.WriteStartObject();
            w.WriteString("kind", ChangeName(c.Kind));
            w.WriteString("asset", c.Asset);
            w.WriteString("previous_round", c.PreviousRound);
            w.WriteString("message", c.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The JSON name of a change kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>"ratio_drop", "asset_added" or "asset_removed".</returns>
    public static string ChangeName(HistoryChangeKind kind) => kind switch
    {
        HistoryChangeKind.RatioDrop => "ratio_drop",
        HistoryChangeKind.AssetAdded => "asset_added",
        _ => "asset_removed",
    };

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
