// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Cli.Demo;

/// <summary>
/// The closing lines of <c>por demo</c>, derived only from what the steps established (<see cref="DemoOutcome"/>):
/// each staged problem found or not, anything found that was not staged, and a last line that names only what was
/// verified. "Solvent" is never claimed unless every asset's ratio on verified reserves is at least 100%.
/// </summary>
internal static class DemoSummary
{
    /// <summary>The failure code of a row whose chain is not in the registry.</summary>
    public const string NotInRegistryCode = "not_in_registry";

    /// <summary>Whether each staged item shows in the findings.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>One result per staged item.</returns>
    public static IReadOnlyList<StagedResult> Staged(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return [.. outcome.Staged.Select(item => Check(item, outcome))];
    }

    /// <summary>Problems the findings show that were not staged (each one makes the demo fail).</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>Descriptions, empty when everything found was staged.</returns>
    public static IReadOnlyList<string> Unexpected(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var staged = outcome.Staged;
        bool Is(StagedKind kind, string asset) => staged.Any(s => s.Kind == kind && string.Equals(s.Asset, asset, StringComparison.Ordinal));
        var found = new List<string>();
        foreach (var a in outcome.Assets)
        {
            if (a.FailureCodes.Count > 0 && !Is(StagedKind.UnlistedChain, a.Symbol))
            {
                found.Add($"{a.Symbol}: {a.FailureCodes.Count} reserve row(s) failed ({string.Join(", ", a.FailureCodes.Distinct(StringComparer.Ordinal))})");
            }

            if (a.InLiabilities && a.BelowFull && !Is(StagedKind.UnderReserved, a.Symbol) && !Is(StagedKind.UnlistedChain, a.Symbol))
            {
                found.Add($"{a.Symbol}: verified reserves below liabilities ({a.RatioPercent}%)");
            }

            if (a.RoundTripRows > 0 && !Is(StagedKind.BorrowedForSnapshot, a.Symbol))
            {
                found.Add($"{a.Symbol}: {a.RoundTripRows} wallet(s) flagged for a round trip around the snapshot");
            }
        }

        return found;
    }

    /// <summary>The steps that verified, in the order they ran.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>Short names, e.g. "liabilities proof (1,000 accounts, transparent)".</returns>
    public static IReadOnlyList<string> Verified(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var items = new List<string>();
        if (outcome.LiabilitiesVerified)
        {
            items.Add(string.Create(CultureInfo.InvariantCulture, $"liabilities proof ({outcome.Accounts:N0} accounts, {outcome.Mode})"));
        }

        if (outcome.InclusionVerified == true)
        {
            items.Add("customer inclusion");
        }

        if (outcome.ReserveRows is { } rows && outcome.ReserveRowsVerified > 0)
        {
            items.Add($"{outcome.ReserveRowsVerified} of {rows} reserve rows");
        }

        if (outcome.ReportHtml is not null)
        {
            items.Add("report");
        }

        if (outcome.AttestationVerified == true)
        {
            items.Add("auditor attestation");
        }

        return items;
    }

    /// <summary>The steps that did not verify or did not run.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>Short names.</returns>
    public static IReadOnlyList<string> NotVerified(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var items = new List<string>();
        if (!outcome.LiabilitiesVerified)
        {
            items.Add("liabilities proof");
        }

        if (outcome.InclusionVerified != true)
        {
            items.Add("customer inclusion");
        }

        if (outcome.ReserveRows is null)
        {
            items.Add("reserves");
        }

        if (outcome.ReportHtml is null)
        {
            items.Add("report");
        }

        if (outcome.AttestationVerified != true)
        {
            items.Add("auditor attestation");
        }

        return items;
    }

    /// <summary>Whether every step verified, every staged problem was found and nothing else was.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>True when the demo ends as announced.</returns>
    public static bool Succeeded(DemoOutcome outcome) =>
        NotVerified(outcome).Count == 0 && Staged(outcome).All(s => s.Found) && Unexpected(outcome).Count == 0;

    /// <summary>Whether every asset customers hold has verified reserves of at least 100% of its liabilities.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>False without a report.</returns>
    public static bool EveryAssetCovered(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.ReportHtml is not null && outcome.Assets.Any(a => a.InLiabilities) && outcome.Assets.Where(a => a.InLiabilities).All(a => !a.BelowFull);
    }

    /// <summary>The closing lines; the last one names only what was verified.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>Lines of text.</returns>
    public static IReadOnlyList<string> Lines(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var lines = new List<string> { "Staged on purpose, and what the checks found:" };
        foreach (var s in Staged(outcome))
        {
            lines.Add($"  [{(s.Found ? "found" : "NOT FOUND")}] {s.Item.Asset}: {s.Detail}");
        }

        var unexpected = Unexpected(outcome);
        lines.Add(unexpected.Count == 0 ? "Found but not staged: nothing." : "Found but NOT staged:");
        lines.AddRange(unexpected.Select(u => "  " + u));
        lines.Add(Solvency(outcome));
        var notVerified = NotVerified(outcome);
        if (notVerified.Count > 0)
        {
            lines.Add($"NOT verified: {string.Join(", ", notVerified)}");
        }

        lines.Add(LastLine(outcome));
        return lines;
    }

    /// <summary>What the verified numbers say about coverage (never "solvent" unless every asset is at 100% or more).</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>One line.</returns>
    public static string Solvency(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.ReportHtml is null)
        {
            return "Coverage: not established (no verified report).";
        }

        if (EveryAssetCovered(outcome))
        {
            return "Coverage: every asset's verified reserves are at least 100% of its liabilities (solvent on verified reserves, per asset).";
        }

        var below = outcome.Assets.Where(a => a.InLiabilities && a.BelowFull).Select(a => $"{a.Symbol} {a.RatioPercent}%");
        return $"Coverage: NOT solvent on verified reserves: below 100%: {string.Join(", ", below)}.";
    }

    /// <summary>The last line: exactly the steps that verified, and where the report is.</summary>
    /// <param name="outcome">The demo's outcome.</param>
    /// <returns>"verified: …".</returns>
    public static string LastLine(DemoOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var verified = Verified(outcome);
        var text = verified.Count == 0 ? "verified: nothing" : $"verified: {string.Join(", ", verified)}";
        return outcome.ReportHtml is null ? text : $"{text} — see {outcome.ReportHtml}";
    }

    private static StagedResult Check(StagedItem item, DemoOutcome outcome)
    {
        var a = outcome.Assets.FirstOrDefault(f => string.Equals(f.Symbol, item.Asset, StringComparison.Ordinal));
        if (a is null)
        {
            return new StagedResult(item, false, outcome.ReportHtml is null ? "not checked: no verified report" : "not in the report");
        }

        return item.Kind switch
        {
            StagedKind.UnderReserved => a.BelowFull && a.VerifiedRows > 0
                ? new StagedResult(item, true, $"ratio {a.RatioPercent}%, flagged below 100%")
                : new StagedResult(item, false, $"ratio {a.RatioPercent}% was not flagged below 100%"),
            StagedKind.UnlistedChain => a.VerifiedRows == 0 && a.FailureCodes.Contains(NotInRegistryCode, StringComparer.Ordinal) && a.BelowFull
                ? new StagedResult(item, true, $"the row failed ({NotInRegistryCode}); ratio {a.RatioPercent}%, flagged below 100%")
                : new StagedResult(item, false, $"the row was not refused as {NotInRegistryCode} (verified rows: {a.VerifiedRows})"),
            StagedKind.BorrowedForSnapshot => a.RoundTripRows > 0
                ? new StagedResult(item, true, $"round trip flagged on {a.RoundTripRows} wallet(s); stable ratio {(a.StableRatioPercent is { } stable ? stable + "%" : "not measured")}")
                : new StagedResult(item, false, "no round trip was flagged"),
            _ => !a.InLiabilities && a.VerifiedRows > 0
                ? new StagedResult(item, true, "verified and shown apart, not counted against liabilities")
                : new StagedResult(item, false, "not shown as a reserve without liabilities"),
        };
    }
}
