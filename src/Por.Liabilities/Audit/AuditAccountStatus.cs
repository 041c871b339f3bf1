// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Audit;

/// <summary>What the audit found for one sampled account.</summary>
public enum AuditAccountStatus
{
    /// <summary>Its inclusion file verifies against the round.</summary>
    Included,

    /// <summary>The operator exported no inclusion file for it.</summary>
    Missing,

    /// <summary>Its inclusion file is malformed, names another account or round, or does not verify.</summary>
    Invalid,
}
