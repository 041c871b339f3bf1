// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>An ongoing condition: (kind, subject) identifies it; the message describes its latest state.</summary>
/// <param name="Kind">The condition's kind.</param>
/// <param name="Subject">What it is about.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record AlertCondition(AlertKind Kind, string Subject, string Message)
{
    /// <summary>The identity of the condition, for dedupe: <c>kind|subject</c>.</summary>
    public string Identity => Identify(Kind, Subject);

    /// <summary>The identity of a (kind, subject) pair.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="subject">The subject.</param>
    /// <returns><c>kind|subject</c>.</returns>
    public static string Identify(AlertKind kind, string subject) => AlertRules.Code(kind) + "|" + subject;
}
