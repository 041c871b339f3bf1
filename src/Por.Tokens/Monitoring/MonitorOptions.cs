// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>How the monitor runs.</summary>
/// <param name="Schedule">When it evaluates.</param>
/// <param name="Rule">The unusual-mint rule.</param>
/// <param name="PollInterval">How often it looks for a new slot (reads the canonical tip on a blocks schedule).</param>
/// <param name="EvaluationAttempts">How many times an evaluation that throws a node fault is tried in one slot.</param>
/// <param name="RetryDelay">The delay before the first retry (doubled each time).</param>
/// <param name="MintBackfillBlocks">On a token's first evaluation, how many finalized blocks of mint logs to read as history (not alerted).</param>
/// <param name="Deliver">Whether a webhook is configured (alerts are queued for it).</param>
public sealed record MonitorOptions(
    MonitorSchedule Schedule,
    UnusualMintRule Rule,
    TimeSpan PollInterval,
    int EvaluationAttempts,
    TimeSpan RetryDelay,
    long MintBackfillBlocks,
    bool Deliver);
