// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Liabilities.Audit;

/// <summary>
/// The outcome of <c>por audit verify</c> ("por-audit-result/1", docs/formats.md §11.4): per sampled account whether
/// it is included, missing or invalid, and the bound this gives on the fraction of the auditor's list that is not
/// validly included in the round.
/// </summary>
public sealed record AuditResult
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-audit-result/1";

    /// <summary>The round.</summary>
    public required AuditRound Round { get; init; }

    /// <summary>The seed of the sample.</summary>
    public required AuditSeed Seed { get; init; }

    /// <summary>SHA-256 of the auditor's canonical list.</summary>
    public required byte[] ListSha256 { get; init; }

    /// <summary>The list's size N.</summary>
    public required long ListCount { get; init; }

    /// <summary>SHA-256 of the sample file that was verified.</summary>
    public required byte[] SampleSha256 { get; init; }

    /// <summary>The confidence of the bounds, as written.</summary>
    public required string Confidence { get; init; }

    /// <summary>The sample's target bound, as written, or null.</summary>
    public required string? MaxOmittedFraction { get; init; }

    /// <summary>The sample size n.</summary>
    public required int SampleSize { get; init; }

    /// <summary>The finding per sampled account, in draw order (empty when the round or the sample did not match).</summary>
    public required IReadOnlyList<AuditAccountCheck> Accounts { get; init; }

    /// <summary>The first failed check, or <see cref="AuditFailure.None"/>.</summary>
    public required AuditFailure Failure { get; init; }

    /// <summary>What failed, for people (empty when passed).</summary>
    public required string Message { get; init; }

    /// <summary>Whether the audit passed: the right sample, every sampled account included.</summary>
    public bool Passed => Failure == AuditFailure.None;

    /// <summary>Sampled accounts whose inclusion verified.</summary>
    public int Included => Accounts.Count(a => a.Status == AuditAccountStatus.Included);

    /// <summary>Sampled accounts without a file.</summary>
    public int Missing => Accounts.Count(a => a.Status == AuditAccountStatus.Missing);

    /// <summary>Sampled accounts whose file did not verify.</summary>
    public int Invalid => Accounts.Count(a => a.Status == AuditAccountStatus.Invalid);

    /// <summary>Whether the accounts were checked (the round and the sample matched).</summary>
    public bool Checked => Failure is AuditFailure.None or AuditFailure.AccountMissing or AuditFailure.AccountInvalid;

    /// <summary>
    /// The Clopper–Pearson upper bound on the fraction of the list not validly included, at <see cref="Confidence"/>,
    /// rounded up to six decimals ("1.000000" when nothing was checked).
    /// </summary>
    public string OmittedFractionBound => Checked
        ? AuditStatistics.FormatUp(AuditStatistics.UpperBound(SampleSize, Missing + Invalid, ConfidenceValue))
        : AuditStatistics.FormatUp(1);

    /// <summary>The exact bound for sampling without replacement from the list: at most this many of its
    /// <see cref="ListCount"/> accounts are not validly included, at <see cref="Confidence"/> (N when nothing was checked).</summary>
    public long OmittedAccountsBound => Checked
        ? AuditStatistics.FiniteUpperBound(ListCount, SampleSize, Missing + Invalid, ConfidenceValue)
        : ListCount;

    /// <summary>Whether <see cref="OmittedFractionBound"/> is at most the sample's target, or null without a target.</summary>
    public bool? TargetMet => MaxOmittedFraction is null
        ? null
        : decimal.Parse(OmittedFractionBound, CultureInfo.InvariantCulture) <= decimal.Parse(MaxOmittedFraction, CultureInfo.InvariantCulture);

    private double ConfidenceValue => AuditStatistics.ParseProbability(Confidence, "confidence", "");
}
