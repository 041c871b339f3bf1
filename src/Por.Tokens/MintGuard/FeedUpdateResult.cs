// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>The outcome of one feed update.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Feed">The feed contract.</param>
/// <param name="FeedDecimals">The feed's decimals, read from the contract.</param>
/// <param name="Answer">The answer published (or that would have been), in feed base units.</param>
/// <param name="UpdatedAt">The updatedAt published (Unix seconds), or 0 when none was computed.</param>
/// <param name="RoundId">The new round id, or 0 when nothing was published.</param>
/// <param name="TransactionHash">The transaction hash (0x-hex), or null when none was sent.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record FeedUpdateResult(
    FeedUpdateOutcome Outcome, string Feed, int FeedDecimals, BigInteger Answer, long UpdatedAt, BigInteger RoundId, string? TransactionHash, string Detail)
{
    /// <summary>The outcome's snake_case code.</summary>
    public string Code => Outcome switch
    {
        FeedUpdateOutcome.Updated => "updated",
        FeedUpdateOutcome.EvidenceFailed => "evidence_failed",
        FeedUpdateOutcome.EvaluationTooOld => "evaluation_too_old",
        FeedUpdateOutcome.AnswerOutOfRange => "answer_out_of_range",
        FeedUpdateOutcome.NotNewerThanFeed => "not_newer_than_feed",
        FeedUpdateOutcome.NotUpdater => "not_updater",
        FeedUpdateOutcome.Reverted => "reverted",
        _ => throw new InvalidOperationException("undefined outcome"),
    };
}
