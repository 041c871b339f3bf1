// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>The auditor's verdict on a round bundle.</summary>
/// <param name="Failure">The first failed check, or None.</param>
/// <param name="Message">What failed, for people (empty when valid).</param>
/// <param name="Manifest">The manifest, when it could be read.</param>
/// <param name="LeavesChecked">How many leaves were recomputed.</param>
public sealed record RoundVerification(BundleFailure Failure, string Message, RoundManifest? Manifest, long LeavesChecked)
{
    /// <summary>Whether every check held.</summary>
    public bool IsValid => Failure == BundleFailure.None;

    /// <summary>The proven liabilities; set by <see cref="RoundVerifier"/> only when every check passed, else null.</summary>
    public VerifiedLiabilities? Liabilities { get; internal init; }
}
