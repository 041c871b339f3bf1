// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>One line of the PoR quality rubric, with the reason for its status.</summary>
/// <param name="Id">Stable identifier (e.g. "frequency").</param>
/// <param name="Title">What is judged.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Reason">Why.</param>
public sealed record RubricCriterion(string Id, string Title, RubricStatus Status, string Reason)
{
    /// <summary>Points: pass 2, partial 1, otherwise 0.</summary>
    public int Points => Status switch { RubricStatus.Pass => 2, RubricStatus.Partial => 1, _ => 0 };

    /// <summary>Lowercase status name used in JSON and HTML.</summary>
    public string StatusName => Status.ToString().ToLowerInvariant();
}
