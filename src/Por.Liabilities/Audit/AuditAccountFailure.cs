// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Audit;

/// <summary>Why a sampled account's inclusion file was not accepted, besides the inclusion check's own failures
/// (<see cref="Rounds.InclusionFailure"/>).</summary>
public enum AuditAccountFailure
{
    /// <summary>No file: the account is missing.</summary>
    NotExported,

    /// <summary>The file is not a well-formed inclusion file.</summary>
    Malformed,

    /// <summary>The file is another account's.</summary>
    AccountMismatch,

    /// <summary>The file is of the other liabilities mode than the round.</summary>
    ModeMismatch,
}
