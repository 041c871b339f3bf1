// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>The auditor's verdict on a round bundle.</summary>
/// <param name="IsValid">Whether every check passed.</param>
/// <param name="Failure">The first failed check, or null.</param>
/// <param name="Manifest">The manifest, when it could be read.</param>
/// <param name="LeavesChecked">How many leaves were recomputed.</param>
public sealed record RoundVerification(bool IsValid, string? Failure, RoundManifest? Manifest, long LeavesChecked)
{
    /// <summary>The proven liabilities; set by <see cref="RoundVerifier"/> only when every check passed, else null.</summary>
    public VerifiedLiabilities? Liabilities { get; internal init; }
}
