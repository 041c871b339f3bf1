// SPDX-License-Identifier: Apache-2.0

using Por.Reports.Attestation;

namespace Por.Reports.Tokens;

/// <summary>The outcome of verifying a token report attestation.</summary>
/// <param name="Failure">The first failed check, or <see cref="AttestationFailure.None"/>.</param>
/// <param name="Message">Why the check failed, or what was verified.</param>
/// <param name="Attestation">The attestation checked.</param>
public sealed record TokenAttestationCheck(AttestationFailure Failure, string Message, TokenAttestation Attestation)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure == AttestationFailure.None;
}
