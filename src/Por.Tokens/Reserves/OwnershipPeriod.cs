// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>The evaluation period ownership proofs are signed for: they count for evaluations in [From, Until).</summary>
/// <param name="From">Start (UTC, inclusive).</param>
/// <param name="Until">End (UTC, exclusive).</param>
public sealed record OwnershipPeriod(DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>Whether an evaluation time falls inside the period.</summary>
    /// <param name="time">The evaluation time.</param>
    /// <returns>From ≤ time &lt; Until.</returns>
    public bool Covers(DateTimeOffset time) => time >= From && time < Until;
}
