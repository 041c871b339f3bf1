// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>Timeout and retry-with-exponential-backoff settings for node requests.</summary>
/// <param name="MaxAttempts">Attempts per request (≥ 1).</param>
/// <param name="BaseDelay">Delay before the first retry; doubled each retry.</param>
/// <param name="Timeout">Per-attempt timeout.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan Timeout)
{
    /// <summary>4 attempts, 500 ms base delay, 30 s timeout.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based), capped at 30 s.</summary>
    /// <param name="retry">1 for the first retry.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromTicks(Math.Min(BaseDelay.Ticks * (1L << Math.Min(retry - 1, 16)), TimeSpan.FromSeconds(30).Ticks));
}
