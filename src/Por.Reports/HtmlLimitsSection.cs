// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;

namespace Por.Reports;

/// <summary>
/// The "What this round proves, and what it does not" section: what was checked (liabilities proof, reserves proofs,
/// per-asset coverage, the borrowed-reserves window) and the limits a reader must know (docs/threat-model.md, "What it
/// does not prove"): omitted accounts, other liabilities, borrowed or pledged reserves, the prices, a single moment,
/// uncovered assets and reserves no customer holds. Each limit is an <c>li</c> with a <c>data-limit</c> code.
/// </summary>
internal static class HtmlLimitsSection
{
    public static void Write(StringBuilder h, SolvencyReport r, Por.Liabilities.Audit.AuditResult? audit = null)
    {
        var round = r.Round;
        var verifiedRows = r.Assets.Sum(a => a.VerifiedRows);
        var failedRows = r.Assets.Sum(a => a.FailedRows);
        var withLiabilities = r.Assets.Where(a => a.InLiabilities).ToList();
        var fullyCovered = withLiabilities.Count(a => !a.BelowFull);
        var fresh = r.Rubric.FirstOrDefault(c => string.Equals(c.Id, "fresh_signatures", StringComparison.Ordinal))?.Status == RubricStatus.Pass;
        var measured = r.Assets.Where(a => a.StableReserves is not null).ToList();
        var roundTrips = r.Assets.Where(a => a.RoundTripRows > 0).Select(a => a.Symbol).ToList();

        h.Append("<h3>Proven, and checked by this report</h3><ul class=\"claims\" id=\"proves\">");
        h.Append("<li data-proof=\"liabilities\">");
        h.Append(round.IsZeroKnowledge
            ? string.Create(CultureInfo.InvariantCulture, $"<p id=\"liabilities-proof\" data-mode=\"zk\">Liabilities proven in <strong>zero knowledge</strong> (mode zk): all {round.ItemsChecked} batch STARK proofs verified under the pinned parameter set <span class=\"mono\" data-field=\"parameter-set\">{E(round.ParameterSetId ?? string.Empty)}</span>, chained from the first batch to the last, whose proven totals are the per-asset liabilities below. The round reveals only these totals, the root and the batch count: no balance and no account count.</p>")
            : string.Create(CultureInfo.InvariantCulture, $"<p id=\"liabilities-proof\" data-mode=\"transparent\">Liabilities proven with a <strong>transparent</strong> Merkle sum tree (mode transparent): all {round.ItemsChecked:N0} leaves, every node, every per-asset total and the root recomputed before use. No balance is negative and each customer's leaf counts once.</p>"));
        h.Append("Each customer can check that their own balances are counted with their inclusion file and the published root.</li>");
        h.Append(CultureInfo.InvariantCulture, $"<li data-proof=\"reserves\"><strong>Reserves.</strong> {verifiedRows:N0} reserve wallet{(verifiedRows == 1 ? string.Empty : "s")} passed verification: a valid proof of control of the address{(fresh ? ", signed for this round (its id and snapshot block hash)" : string.Empty)}, and an on-chain balance at the round's snapshot block at least the amount claimed. Only these are counted.");
        if (failedRows > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $" {failedRows:N0} claimed wallet{(failedRows == 1 ? string.Empty : "s")} did not verify: shown as unverified claims, never counted.");
        }

        h.Append("</li>");
        h.Append(CultureInfo.InvariantCulture, $"<li data-proof=\"per_asset\"><strong>Per asset.</strong> {fullyCovered} of {withLiabilities.Count} assets customers hold are covered 100% or more, each compared in its own units, so these ratios do not depend on prices.</li>");
        if (measured.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<li data-proof=\"window\"><strong>Borrowed reserves window.</strong> Balances of {measured.Sum(a => a.StableRows):N0} wallet(s) were sampled in a window of blocks around the snapshot; the stable ratio counts only the lowest balance. {(roundTrips.Count == 0 ? "No round trip was flagged." : $"Round trips flagged: {E(string.Join(", ", roundTrips))}.")}</li>");
        }

        h.Append("</ul><h3>Not proven: read before relying on this report</h3><ul class=\"claims\" id=\"limits\">");
        Limit(h, "omitted_accounts", "Omitted accounts.", "The totals include only the accounts the operator put in the snapshot. An account left out is caught only when its owner checks their inclusion, or when an auditor checks a sample of accounts drawn from its own records; "
            + (audit is { Checked: true }
                ? "this report includes one (see Auditor sampling), whose bound covers only the accounts on the auditor's list, not accounts nobody lists."
                : "this report includes no such sample."));
        Limit(h, "other_liabilities", "Other liabilities.", "Only customer balances in the snapshot are counted. Loans, debts to lenders and other creditors, and customer funds held in products outside the snapshot are not. Negative balances (customer debt) are refused, not netted.");
        Limit(h, "borrowed_reserves", "Borrowed or pledged reserves.", "A verified wallet shows control of the coins at the snapshot block, not that they are owned free and clear: coins borrowed for the snapshot, lent out, or pledged as collateral still count. "
            + (measured.Count > 0
                ? "The window around the snapshot catches funds that arrive just before it and leave just after; a loan that stays longer than the window is not seen."
                : "This round measured no window around the snapshot, so even borrowing for a few blocks is not detected."));
        Limit(h, "prices", "Prices.", string.Create(CultureInfo.InvariantCulture, $"USD figures (totals, the overall ratio, shares and concentrations) use the price file supplied with this round: one USD price per asset for the snapshot of {UtcTime.Format(r.SnapshotTime)}. The file names no source and no time of its own, and por does not check it against any market. The per-asset ratios use no price."));
        Limit(h, "point_in_time", "One moment.", string.Create(CultureInfo.InvariantCulture, $"Everything above holds at the snapshot ({UtcTime.Format(r.SnapshotTime)}). It says nothing about the exchange's position before or after, beyond the window."));
        if (r.Coverage.UncoveredAssets.Count > 0)
        {
            Limit(h, "uncovered_assets", "Assets without a reserves proof.", $"{string.Join(", ", r.Coverage.UncoveredAssets)}: customers hold them, but no wallet verified for them ({DisplayFormat.CompactUsd(r.Coverage.UncoveredUsd)} of liabilities).");
        }

        if (!r.Quality.UnmatchedReservesUsd.IsZero)
        {
            Limit(h, "unmatched_reserves", "Reserves no customer holds.", $"{string.Join(", ", r.Quality.UnmatchedAssets)} ({DisplayFormat.CompactUsd(r.Quality.UnmatchedReservesUsd)}) verified but owed to no customer: not counted against any asset, but included in the USD totals and the overall ratio.");
        }

        if (r.Quality.PlatformToken is { } token && r.Quality.PlatformTokenShare is { } share && !share.IsZero)
        {
            Limit(h, "platform_token", "The exchange's own token.", $"{ReportFormat.Percent(share)}% of verified reserves (USD) are {token}, valued at the price file's price; selling that much could move its market.");
        }

        Limit(h, "privacy", "Privacy.", round.IsZeroKnowledge
            ? string.Create(CultureInfo.InvariantCulture, $"The round hides every balance and the number of accounts: only an upper bound ({round.BatchCount} batches of at most {round.AccountsPerBatch} accounts) is public.")
            : "In transparent mode the auditor sees every balance (under salted commitments, not account ids), each customer sees the sums of the subtrees beside their path, and the number of accounts is public.");
        h.Append("</ul>");
    }

    private static void Limit(StringBuilder h, string code, string title, string text) =>
        h.Append(CultureInfo.InvariantCulture, $"<li data-limit=\"{code}\"><strong>{E(title)}</strong> {E(text)}</li>");

    private static string E(string text) => HtmlReportRenderer.E(text);
}
