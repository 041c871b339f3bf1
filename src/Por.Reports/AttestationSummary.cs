// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reports.Attestation;

namespace Por.Reports;

/// <summary>Who attested a report and whether the attestation verified, for display.</summary>
/// <param name="Auditor">Auditor name.</param>
/// <param name="Algorithm">"ed25519" or "secp256k1".</param>
/// <param name="PublicKey">Public key (hex).</param>
/// <param name="SignedAt">Signing time (UTC text).</param>
/// <param name="Verified">Whether it verified against the trusted key and these files.</param>
/// <param name="Failure">The first failed check, or <see cref="AttestationFailure.None"/>.</param>
public sealed record AttestationSummary(string Auditor, string Algorithm, string PublicKey, string SignedAt, bool Verified, AttestationFailure Failure)
{
    /// <summary>Why the attestation does not verify, in words (the check's message), or null when unknown or verified.</summary>
    public string? Message { get; init; }

    /// <summary>The text shown for a failed attestation: the message, else the failure's name; null when verified.</summary>
    public string? Reason => Verified ? null : Message ?? Failure.ToString();

    /// <summary>The summary of a checked attestation.</summary>
    /// <param name="attestation">The attestation.</param>
    /// <param name="check">Its verification outcome.</param>
    /// <returns>The summary.</returns>
    public static AttestationSummary Of(AuditorAttestation attestation, AttestationCheck check)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(check);
        return new AttestationSummary(attestation.Auditor, AuditorKey.AlgorithmName(attestation.Algorithm), Convert.ToHexStringLower(attestation.PublicKey),
            UtcTime.Format(attestation.SignedAt), check.IsValid, check.Failure)
        { Message = check.IsValid ? null : check.Message };
    }

    /// <summary>The rubric line for this attestation (or for none).</summary>
    /// <param name="summary">The summary, or null when no attestation was given.</param>
    /// <returns>The criterion.</returns>
    public static RubricCriterion Criterion(AttestationSummary? summary) =>
        QualityRubric.Attestation(summary?.Auditor, summary?.Verified ?? false, summary?.Reason);
}
