// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reports.Tokens;
using Por.Tokens.MintGuard;
using Por.Tokens.Model;

namespace Por.Cli.Demo;

/// <summary>One token's step in a phase of <c>por demo token</c>, and what differs from the phase's expectation.</summary>
/// <param name="Token">The token id.</param>
/// <param name="Evaluation">The evaluation.</param>
/// <param name="Feed">The feed update from it.</param>
/// <param name="Amount">The mint asked for, base units.</param>
/// <param name="Rule">MintRule's decision on it.</param>
/// <param name="Chain">The mint on chain.</param>
/// <param name="Healthy">Whether the phase is healthy (covered, mint allowed and succeeding) or under-collateralised (mint denied and reverting with MintExceedsReserves).</param>
internal sealed record TokenDemoStep(string Token, TokenEvaluation Evaluation, FeedUpdateResult Feed, BigInteger Amount, MintCheck Rule, TokenDemoMint Chain, bool Healthy)
{
    /// <summary>What differs from the phase's expectation, or null.</summary>
    public string? Problem
    {
        get
        {
            var expected = Healthy ? TokenStatus.Covered : TokenStatus.Undercollateralized;
            if (Evaluation.Status != expected)
            {
                return $"status {TokenCodes.Of(Evaluation.Status)}, expected {TokenCodes.Of(expected)} ({string.Join("; ", Evaluation.FailedEvidence)})";
            }

            if (Feed.Outcome != FeedUpdateOutcome.Updated)
            {
                return $"the feed was not updated ({Feed.Code}: {Feed.Detail})";
            }

            if (Rule.Allowed != Healthy)
            {
                return $"MintRule {(Rule.Allowed ? "allowed" : "denied")} the mint ({Rule.Code}: {Rule.Detail})";
            }

            if (Chain.Succeeded != Healthy || (!Healthy && Chain.Error?.StartsWith("MintExceedsReserves(", StringComparison.Ordinal) != true))
            {
                return $"the mint on chain {Chain.Text}";
            }

            return null;
        }
    }
}
