// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>Who attested a report and whether the attestation verified, for display.</summary>
/// <param name="Auditor">Auditor name.</param>
/// <param name="Algorithm">"ed25519" or "secp256k1".</param>
/// <param name="PublicKey">Public key (hex).</param>
/// <param name="SignedAt">Signing time (UTC text).</param>
/// <param name="Verified">Whether it verified against the trusted key and these files.</param>
/// <param name="Failure">Why not, or null.</param>
public sealed record AttestationSummary(string Auditor, string Algorithm, string PublicKey, string SignedAt, bool Verified, string? Failure)
{
    /// <summary>The rubric line for this attestation (or for none).</summary>
    /// <param name="summary">The summary, or null when no attestation was given.</param>
    /// <returns>The criterion.</returns>
    public static RubricCriterion Criterion(AttestationSummary? summary) =>
        QualityRubric.Attestation(summary?.Auditor, summary?.Verified ?? false, summary?.Failure);
}
