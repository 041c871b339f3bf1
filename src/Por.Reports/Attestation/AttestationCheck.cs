// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Attestation;

/// <summary>The outcome of verifying an attestation.</summary>
/// <param name="IsValid">Whether every check passed.</param>
/// <param name="Failure">The first failed check, or null.</param>
/// <param name="Attestation">The attestation checked.</param>
public sealed record AttestationCheck(bool IsValid, string? Failure, AuditorAttestation Attestation);
