// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Security;

namespace Por.Stark.Proving;

/// <summary>The outcome of a verification, with the security figure of the pinned options.</summary>
/// <param name="Failure">The first failing check, or <see cref="VerificationFailure.None"/>.</param>
/// <param name="Message">A human-readable explanation.</param>
/// <param name="Security">The security estimate for the pinned options and trace length (null if not computed).</param>
/// <param name="ProofSizeBytes">The proof size in bytes.</param>
public sealed record VerificationResult(VerificationFailure Failure, string Message, SecurityLevel? Security, int ProofSizeBytes)
{
    /// <summary>Whether the proof was accepted.</summary>
    public bool IsValid => Failure == VerificationFailure.None;
}
