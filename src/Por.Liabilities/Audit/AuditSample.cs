// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Audit;

/// <summary>
/// A drawn sample ("por-audit-sample/1", docs/formats.md §11.3): the round, the seed, the auditor's list (digest and
/// size only: the list stays with the auditor), the confidence and target, and the chosen ids in draw order.
/// </summary>
/// <param name="Round">The round the sample was drawn from.</param>
/// <param name="Seed">The seed block.</param>
/// <param name="ListSha256">SHA-256 of the canonical list (<see cref="AuditList.Sha256"/>).</param>
/// <param name="ListCount">How many ids the list holds.</param>
/// <param name="Confidence">The confidence the result is stated at, as written (e.g. <c>0.95</c>).</param>
/// <param name="MaxOmittedFraction">The bound the sample size was chosen for, as written, or null when the size was given.</param>
/// <param name="Accounts">The chosen ids, smallest key first.</param>
public sealed record AuditSample(AuditRound Round, AuditSeed Seed, byte[] ListSha256, long ListCount, string Confidence, string? MaxOmittedFraction, IReadOnlyList<string> Accounts)
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-audit-sample/1";

    /// <summary>The default confidence.</summary>
    public const string DefaultConfidence = "0.95";

    /// <summary>Draws a sample.</summary>
    /// <param name="round">The round.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="list">The auditor's list.</param>
    /// <param name="size">The sample size (capped at the list's size).</param>
    /// <param name="confidence">The confidence, as written.</param>
    /// <param name="maxOmittedFraction">The target bound, as written, or null.</param>
    /// <returns>The sample.</returns>
    public static AuditSample Draw(AuditRound round, AuditSeed seed, AuditList list, int size, string confidence, string? maxOmittedFraction)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(list);
        return new AuditSample(round, seed, list.Sha256, list.Count, confidence, maxOmittedFraction, AuditSampler.Draw(seed, round.Root, list, size));
    }
}
