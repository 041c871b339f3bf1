// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Text;
using Por.Liabilities.Audit;

namespace Por.Reports;

/// <summary>
/// The report's "Auditor sampling" section (docs/report.md): the outcome of <c>por audit verify</c> and the bound it
/// gives on the omitted fraction of the auditor's list. Account ids are never printed (the report is public): only
/// counts and failure codes.
/// </summary>
public static class AuditSection
{
    /// <summary>Reads the audit result given to <c>por report --audit-result</c>, or null when none was given.</summary>
    /// <param name="path">The result file, or null.</param>
    /// <param name="manifestPath">The round's manifest: the result must be about this round.</param>
    /// <returns>The result, or null.</returns>
    /// <exception cref="Por.Common.InputException">A malformed or inconsistent result file.</exception>
    /// <exception cref="InvalidDataException">The result is about another round.</exception>
    public static AuditResult? Read(string? path, string manifestPath)
    {
        if (path is null)
        {
            return null;
        }

        var result = AuditResultJson.Parse(File.ReadAllBytes(path), path);
        var round = AuditRound.Read(manifestPath);
        return round.SameAs(result.Round)
            ? result
            : throw new InvalidDataException($"audit result {path} is about round '{result.Round.Id}' root {Convert.ToHexStringLower(result.Round.Root)}, not this round '{round.Id}' root {Convert.ToHexStringLower(round.Root)}");
    }

    /// <summary>The section's heading.</summary>
    public const string Title = "Auditor sampling";

    /// <summary>Appends the section's body (the renderer writes the heading).</summary>
    /// <param name="h">The page.</param>
    /// <param name="audit">The result, or null.</param>
    public static void Append(StringBuilder h, AuditResult? audit)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (audit is null)
        {
            h.Append("<p id=\"audit\" data-verdict=\"none\">No auditor sampling result was supplied: nothing here shows that accounts known to an auditor are in the round.</p>\n");
            return;
        }

        var verdict = audit.Passed ? "pass" : "fail";
        h.Append(CultureInfo.InvariantCulture, $"<div id=\"audit\" data-verdict=\"{verdict}\">");
        h.Append(CultureInfo.InvariantCulture, $"<p>The auditor drew <span data-field=\"audit-sample-size\">{audit.SampleSize:N0}</span> accounts from their own list of <span data-field=\"audit-list-count\">{audit.ListCount:N0}</span> (algorithm {E(AuditSampler.Algorithm)}, seed: {E(audit.Seed.Chain)} block {audit.Seed.Height.ToString("N0", CultureInfo.InvariantCulture)}, hash <span class=\"mono\">{Convert.ToHexStringLower(audit.Seed.BlockHash)}</span>) and checked each one's inclusion proof against this round.</p>");
        if (audit.Checked)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p><strong><span data-field=\"audit-included\">{audit.Included:N0}</span> included</strong>, <span data-field=\"audit-missing\"{Bad(audit.Missing)}>{audit.Missing:N0}</span> missing, <span data-field=\"audit-invalid\"{Bad(audit.Invalid)}>{audit.Invalid:N0}</span> invalid.</p>");
            h.Append(CultureInfo.InvariantCulture, $"<p>At <span data-field=\"audit-confidence\">{Percent(audit.Confidence)}</span> confidence, at most <strong data-field=\"audit-bound\">{Percent(audit.OmittedFractionBound)}</strong> of the auditor's list is missing from the round or not validly included (Clopper–Pearson bound); for this list of {audit.ListCount:N0} accounts, at most <span data-field=\"audit-accounts-bound\">{audit.OmittedAccountsBound:N0}</span> accounts (exact, sampling without replacement).</p>");
            var failures = audit.Accounts.Where(a => a.Status != AuditAccountStatus.Included).GroupBy(a => a.FailureCode ?? "", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (failures.Count > 0)
            {
                h.Append("<table id=\"audit-failures\"><thead><tr><th>Finding</th><th>Accounts</th></tr></thead><tbody>");
                foreach (var g in failures)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<tr><td data-field=\"failure-code\">{E(g.Key)}</td><td>{g.Count():N0}</td></tr>");
                }

                h.Append("</tbody></table>");
            }
        }

        h.Append(audit.Passed
            ? "<p class=\"ok\" data-field=\"audit-verdict\">PASS: every sampled account is included in the round.</p>"
            : $"<p class=\"bad\" data-field=\"audit-verdict\">FAIL: {E(FailureText(audit))}</p>");
        h.Append("<p class=\"muted\">What this shows: the bound is about the auditor's own list (obtained independently of the operator, e.g. from identity checks), not about accounts that no list names; the seed is a block mined after the round was published, so the operator could not know which accounts would be drawn. The report does not re-check the sample; an auditor's attestation in format por-attestation/2 signs this result's SHA-256 (por attestation verify --audit-result checks it).</p>");
        h.Append("</div>\n");
    }

    private static string FailureText(AuditResult audit) => audit.Failure switch
    {
        AuditFailure.AccountMissing or AuditFailure.AccountInvalid =>
            string.Create(CultureInfo.InvariantCulture, $"{audit.Missing + audit.Invalid:N0} of the {audit.SampleSize:N0} sampled accounts are not shown validly included in this round ({audit.Missing:N0} without an inclusion proof, {audit.Invalid:N0} with one that does not verify)."),
        AuditFailure.RoundMismatch => "the sample was drawn from another round.",
        AuditFailure.SampleMismatch => "the sample is not the draw its seed and the auditor's list give.",
        _ => "the audit failed.",
    };

    private static string Bad(int count) => count > 0 ? " class=\"bad\"" : "";

    private static string Percent(string probability) =>
        (decimal.Parse(probability, CultureInfo.InvariantCulture) * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
