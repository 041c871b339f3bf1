// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Tokens.MintGuard;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// The off-chain pre-mint check behind <c>POST /v1/mint-check</c> (docs/token-por.md, "Monitor"), in this order:
/// no stored evaluation → deny <c>no_evaluation</c>; the latest evaluation's evidence failed → deny <c>evidence_failed</c>
/// (naming it); then <see cref="MintRule"/> (the mint guard's rule, as on chain) with the evaluation as the feed — answer =
/// total reserves in canonical base units (feed decimals = token decimals), updatedAt = the evaluation time, max staleness
/// = the configured age, margin = the registry's margin as <see cref="MarginMode.PositiveBasisPoints"/>, totalSupply = the
/// circulating supply — any refusal is its code (<c>stale_feed</c>, <c>exceeds_reserves</c>, <c>non_positive_answer</c>, …);
/// finally the unusual-mint rule: an amount above k × the window's percentile (or with too little history) → deny
/// <c>needs_second_approval</c>.
/// </summary>
public static class PreMintCheck
{
    /// <summary>Decides one request.</summary>
    /// <param name="latest">The token's latest stored evaluation, or null.</param>
    /// <param name="amount">The amount to mint, canonical base units (≥ 0).</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxAge">The oldest evaluation accepted (the feed's max staleness).</param>
    /// <param name="rule">The unusual-mint rule.</param>
    /// <param name="window">The token's mints in the rule's window before <paramref name="now"/>.</param>
    /// <returns>The decision.</returns>
    public static PreMintDecision Decide(StoredEvaluation? latest, BigInteger amount, DateTimeOffset now, TimeSpan maxAge, UnusualMintRule rule, IReadOnlyCollection<BigInteger> window)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(window);
        if (latest is null)
        {
            return new PreMintDecision(false, "no_evaluation", "the monitor has no evaluation of this token yet", null, null);
        }

        var e = latest.Evaluation;
        var slot = latest.Slot.Key;
        if (e.Status == TokenStatus.EvidenceFailed)
        {
            var failed = e.FailedEvidence.ToList();
            var what = failed.Count > 0 ? string.Join("; ", failed) : latest.Detail ?? "no supply reading or no reserve evidence";
            return new PreMintDecision(false, "evidence_failed", $"the latest evaluation ({slot}) has failed evidence: {what}", slot, e.EvaluatedAt);
        }

        var policy = new MintPolicy(e.MarginBasisPoints == 0 ? MarginMode.None : MarginMode.PositiveBasisPoints, e.MarginBasisPoints, (long)Math.Max(1, maxAge.TotalSeconds), e.Decimals);
        var feed = new FeedRound(e.TotalReserves, e.EvaluatedAt.ToUnixTimeSeconds(), e.Decimals);
        MintCheck check;
        try
        {
            check = MintRule.Evaluate(policy, feed, amount, e.CirculatingSupply, now.ToUnixTimeSeconds());
        }
        catch (ArgumentException ex)
        {
            return new PreMintDecision(false, "out_of_range", "the rule cannot be applied: " + ex.Message, slot, e.EvaluatedAt);
        }

        if (!check.Allowed)
        {
            return new PreMintDecision(false, check.Code, $"{check.Detail} (evaluation {slot})", slot, e.EvaluatedAt);
        }

        var verdict = rule.Judge(amount, window);
        if (verdict.Unusual)
        {
            return new PreMintDecision(false, "needs_second_approval", verdict.Reason, slot, e.EvaluatedAt);
        }

        return new PreMintDecision(true, "allowed", string.Create(CultureInfo.InvariantCulture, $"{check.Detail}; {verdict.Reason} (evaluation {slot})"), slot, e.EvaluatedAt);
    }
}
