// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// <c>/healthz</c> (docs/token-por.md, "Monitor"): healthy when every token's latest stored evaluation is younger than
/// the maximum age and its evidence is usable (status covered, below_margin or undercollateralized: an under-collateralised
/// token is an alert, not a sick monitor); unhealthy otherwise, with one reason per token.
/// </summary>
public static class MonitorHealth
{
    /// <summary>Checks the monitor's health.</summary>
    /// <param name="state">The shared state.</param>
    /// <param name="tokens">Every token the monitor evaluates.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxAge">The oldest acceptable evaluation.</param>
    /// <returns>Whether healthy, and the reasons when not.</returns>
    public static (bool Healthy, IReadOnlyList<string> Problems) Check(MonitorState state, IReadOnlyList<string> tokens, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tokens);
        var problems = new List<string>();
        foreach (var token in tokens)
        {
            if (!state.Latest.TryGetValue(token, out var latest))
            {
                problems.Add($"{token}: no evaluation yet");
                continue;
            }

            var age = now - latest.Evaluation.EvaluatedAt;
            if (age > maxAge)
            {
                problems.Add($"{token}: the latest evaluation ({latest.Slot.Key}, {UtcTime.Format(latest.Evaluation.EvaluatedAt)}) is {(long)age.TotalSeconds} s old, more than {(long)maxAge.TotalSeconds} s");
            }

            if (latest.Evaluation.Status == TokenStatus.EvidenceFailed)
            {
                var failed = latest.Evaluation.FailedEvidence.ToList();
                problems.Add($"{token}: evidence failed in {latest.Slot.Key}: {(failed.Count > 0 ? string.Join("; ", failed) : latest.Detail ?? "no supply reading or no reserve evidence")}");
            }
        }

        return (problems.Count == 0, problems);
    }
}
