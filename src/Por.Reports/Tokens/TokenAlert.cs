// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Tokens;

/// <summary>One alert raised for the token (by the monitor or an evaluation), listed in full in the report.</summary>
/// <param name="At">When it was raised (UTC).</param>
/// <param name="Kind">Its kind, a snake_case code (<c>ratio_below_margin</c>, <c>stale_evidence</c>, <c>ripcord</c>, …).</param>
/// <param name="Message">A sentence for people.</param>
public sealed record TokenAlert(DateTimeOffset At, string Kind, string Message);
