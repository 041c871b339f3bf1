// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Proving;

/// <summary>
/// The prover's phases, in protocol order (docs/stark.md), as reported to an optional progress sink when each one
/// starts. Names only: nothing about the witness is reported.
/// </summary>
public enum ProverPhase
{
    /// <summary>Low-degree extension of the main trace and its Merkle commitment (the largest phase).</summary>
    LowDegreeExtension,

    /// <summary>The auxiliary segment (LogUp fractions and accumulator): built, extended and committed.</summary>
    AuxiliaryTrace,

    /// <summary>The constraints evaluated over the extended domain.</summary>
    ConstraintComposition,

    /// <summary>The quotient interpolated, split into chunks, randomised and committed.</summary>
    QuotientCommitment,

    /// <summary>The out-of-domain evaluations.</summary>
    OutOfDomain,

    /// <summary>The DEEP composition and its extension.</summary>
    DeepComposition,

    /// <summary>The FRI commit phase.</summary>
    Fri,

    /// <summary>Proof-of-work grinding and the query openings.</summary>
    Queries,
}
