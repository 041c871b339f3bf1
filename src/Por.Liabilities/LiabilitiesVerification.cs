// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities;

/// <summary>The outcome of verifying a round bundle of either mode.</summary>
/// <param name="Mode">The bundle's mode, from its manifest.</param>
/// <param name="Failure">The first failed check, or None.</param>
/// <param name="Message">What failed, for people (empty when valid).</param>
/// <param name="Liabilities">The verified liabilities; null unless every check held.</param>
public sealed record LiabilitiesVerification(RoundMode Mode, BundleFailure Failure, string Message, VerifiedLiabilities? Liabilities)
{
    /// <summary>Whether every check held.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Liabilities))]
    public bool IsValid => Failure == BundleFailure.None && Liabilities is not null;
}
