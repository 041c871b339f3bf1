// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>The outcome of checking one inclusion proof.</summary>
/// <param name="Failure">The first failed check, or None.</param>
/// <param name="Message">What failed, for people (empty when valid).</param>
/// <param name="CheckedAgainstManifest">Whether the round header was compared with a published manifest.</param>
public sealed record InclusionVerification(InclusionFailure Failure, string Message, bool CheckedAgainstManifest)
{
    /// <summary>Whether every check held.</summary>
    public bool IsValid => Failure == InclusionFailure.None;
}
