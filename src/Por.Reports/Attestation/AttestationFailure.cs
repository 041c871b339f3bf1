// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Attestation;

/// <summary>Why an attestation was rejected (the first failing check of <see cref="Attestor.Verify"/>).</summary>
public enum AttestationFailure
{
    /// <summary>The attestation verified.</summary>
    None = 0,

    /// <summary>The attestation's algorithm or public key is not the trusted key supplied by the verifier.</summary>
    KeyMismatch,

    /// <summary>The attestation names another auditor than the trusted key's owner.</summary>
    AuditorMismatch,

    /// <summary>The manifest's SHA-256 is not the attested one.</summary>
    ManifestDigestMismatch,

    /// <summary>The report's SHA-256 is not the attested one.</summary>
    ReportDigestMismatch,

    /// <summary>The report is about another round or root than the manifest.</summary>
    ReportRoundMismatch,

    /// <summary>The attestation names another round than the manifest.</summary>
    RoundMismatch,

    /// <summary>The signature does not verify over the recomputed digest with the trusted key.</summary>
    SignatureInvalid,

    /// <summary>The reserves result file is not the one that was signed (SHA-256 differs).</summary>
    ResultDigestMismatch,

    /// <summary>The reserves result names another custodian, round or registry than its signature.</summary>
    ResultMismatch,

    /// <summary>The audit result's SHA-256 is not the attested one.</summary>
    AuditResultDigestMismatch,

    /// <summary>The audit result is about another round or root than the manifest.</summary>
    AuditResultRoundMismatch,

    /// <summary>An audit result was given, but the attestation (por-attestation/1) does not cover one.</summary>
    AuditResultNotAttested,

    /// <summary>A token report names another token or measurement time than its attestation (por-token-attestation/1).</summary>
    TokenMismatch,
}
