// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Attestation;

/// <summary>The outcome of verifying an attestation.</summary>
/// <param name="Failure">The first failed check, or <see cref="AttestationFailure.None"/>.</param>
/// <param name="Message">Why the check failed, or what was verified.</param>
/// <param name="Attestation">The attestation checked.</param>
public sealed record AttestationCheck(AttestationFailure Failure, string Message, AuditorAttestation Attestation)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure == AttestationFailure.None;
}
