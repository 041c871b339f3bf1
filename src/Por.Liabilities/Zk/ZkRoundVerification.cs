// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>The auditor's verdict on a zk round bundle.</summary>
/// <param name="Failure">The first failed check, or None.</param>
/// <param name="Message">What failed, for people (empty when valid).</param>
/// <param name="Manifest">The manifest (it was read, or this is an exception instead).</param>
/// <param name="BatchesChecked">How many batch proofs were checked (all of them when valid).</param>
public sealed record ZkRoundVerification(BundleFailure Failure, string Message, ZkRoundManifest Manifest, int BatchesChecked)
{
    /// <summary>Whether every check held.</summary>
    public bool IsValid => Failure == BundleFailure.None;

    /// <summary>The proven liabilities; set by <see cref="ZkRoundBundleVerifier"/> only when every check passed, else null.</summary>
    public VerifiedLiabilities? Liabilities { get; internal init; }
}
