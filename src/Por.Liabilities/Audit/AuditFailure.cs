// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Audit;

/// <summary>Why an audit did not pass (the first failed check of <see cref="AuditVerifier.Verify"/>).</summary>
public enum AuditFailure
{
    /// <summary>Every sampled account is included and valid.</summary>
    None = 0,

    /// <summary>The sample was drawn from another round (id, mode, root or manifest digest differ).</summary>
    RoundMismatch,

    /// <summary>The sample is not the draw the seed, the round and the auditor's list give (another list, or edited ids).</summary>
    SampleMismatch,

    /// <summary>A sampled account has no inclusion file.</summary>
    AccountMissing,

    /// <summary>A sampled account's inclusion file does not verify against the round.</summary>
    AccountInvalid,
}
