// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// Which conditions an evaluation shows, and the alerts that a change of conditions gives: an ongoing condition
/// alerts once when it starts (<see cref="AlertState.Raised"/>) and once when it clears (<see cref="AlertState.Cleared"/>).
/// </summary>
public static class AlertRules
{
    /// <summary>The subject of the condition that a failed evaluation (no evaluation at all) raises.</summary>
    public const string EvaluationSubject = "evaluation";

    /// <summary>The snake_case name of an enum member (<c>RatioBelowMargin</c> → <c>ratio_below_margin</c>).</summary>
    /// <param name="value">The member.</param>
    /// <returns>Its code.</returns>
    public static string Code(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.ToString();
        var b = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                b.Append('_');
            }

            b.Append(char.ToLowerInvariant(name[i]));
        }

        return b.ToString();
    }

    /// <summary>Parses a code written by <see cref="Code"/>.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="code">The code.</param>
    /// <param name="value">The member.</param>
    /// <returns>Whether the code names a member.</returns>
    public static bool TryParse<T>(string code, out T value)
        where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (string.Equals(Code(v), code, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The conditions an evaluation shows: the ratio below 1 + margin, and each failed piece of evidence.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The conditions, in a stable order.</returns>
    public static IReadOnlyList<AlertCondition> Conditions(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var list = new List<AlertCondition>();
        if (evaluation.Status is TokenStatus.BelowMargin or TokenStatus.Undercollateralized)
        {
            list.Add(new AlertCondition(AlertKind.RatioBelowMargin, "ratio",
                $"reserves {evaluation.TotalReserves} < circulating supply {evaluation.CirculatingSupply} × (1 + {evaluation.MarginBasisPoints} bp): {Code(evaluation.Status)}"));
        }

        foreach (var s in evaluation.Supply.Where(s => s.Failure != EvidenceFailure.None))
        {
            list.Add(new AlertCondition(KindOf(s.Failure), $"supply {s.Chain}/{s.Contract}", $"supply {s.Chain}/{s.Contract}: {Code(s.Failure)}: {s.Detail}"));
        }

        foreach (var r in evaluation.Reserves.Where(r => r.Failure != EvidenceFailure.None))
        {
            list.Add(new AlertCondition(KindOf(r.Failure), $"reserve {r.SourceId}", $"reserve {r.SourceId} ({Code(r.Class)}): {Code(r.Failure)}: {r.Detail}"));
        }

        if (evaluation.Supply.Count == 0 || evaluation.Reserves.Count == 0)
        {
            list.Add(new AlertCondition(AlertKind.EvidenceFailed, EvaluationSubject, "the evaluation has no supply reading or no reserve evidence"));
        }

        return list;
    }

    /// <summary>The alert kind of an evidence failure.</summary>
    /// <param name="failure">The failure (not None).</param>
    /// <returns>The kind.</returns>
    public static AlertKind KindOf(EvidenceFailure failure) => failure switch
    {
        EvidenceFailure.Stale or EvidenceFailure.Unclocked => AlertKind.StaleEvidence,
        EvidenceFailure.Ripcord => AlertKind.Ripcord,
        EvidenceFailure.NonPositiveAnswer => AlertKind.NonPositiveAnswer,
        _ => AlertKind.EvidenceFailed,
    };

    /// <summary>
    /// The alerts that go from the active conditions to the current ones: a raised alert for each condition that was not
    /// active, a cleared alert for each active one that is gone; a condition that lasts gives nothing.
    /// </summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="at">The evaluation time.</param>
    /// <param name="active">The conditions active before (from the history).</param>
    /// <param name="current">The conditions now.</param>
    /// <returns>The alerts, raised first.</returns>
    public static IReadOnlyList<TokenAlert> Transitions(string tokenId, string slot, DateTimeOffset at, IReadOnlyCollection<AlertCondition> active, IReadOnlyCollection<AlertCondition> current)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(current);
        var before = active.Select(c => c.Identity).ToHashSet(StringComparer.Ordinal);
        var now = current.Select(c => c.Identity).ToHashSet(StringComparer.Ordinal);
        var alerts = new List<TokenAlert>();
        foreach (var c in current.Where(c => !before.Contains(c.Identity)).DistinctBy(c => c.Identity, StringComparer.Ordinal))
        {
            alerts.Add(new TokenAlert(tokenId, slot, c.Kind, AlertState.Raised, c.Subject, c.Message, at));
        }

        foreach (var c in active.Where(c => !now.Contains(c.Identity)))
        {
            alerts.Add(new TokenAlert(tokenId, slot, c.Kind, AlertState.Cleared, c.Subject, $"cleared: {c.Subject} ({Code(c.Kind)})", at));
        }

        return alerts;
    }
}
