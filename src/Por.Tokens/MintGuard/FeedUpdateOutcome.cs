// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.MintGuard;

/// <summary>What <see cref="ReserveFeedUpdater.UpdateAsync"/> did. Only <see cref="Updated"/> sent a transaction that took effect.</summary>
public enum FeedUpdateOutcome
{
    /// <summary>A new round holds the evaluation's reserves.</summary>
    Updated,

    /// <summary>The evaluation's evidence failed (stale, unclocked, incomplete, …): nothing is published.</summary>
    EvidenceFailed,

    /// <summary>The evaluation is older than the allowed age: nothing is published.</summary>
    EvaluationTooOld,

    /// <summary>The reserves scaled to the feed's decimals are zero or do not fit an int256: nothing is published.</summary>
    AnswerOutOfRange,

    /// <summary>The feed already holds a round at or after this evaluation's time.</summary>
    NotNewerThanFeed,

    /// <summary>The key is not the feed's updater.</summary>
    NotUpdater,

    /// <summary>The transaction was mined but reverted, or the new round does not hold what was sent.</summary>
    Reverted,
}
