// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;

namespace Por.Stark.Testing.Proving;

/// <summary>
/// What a <see cref="CheatingProver"/> does differently from the honest one. Each deviation keeps the transcript
/// consistent, so that exactly one verifier check is exercised.
/// </summary>
internal sealed record ProverCheats
{
    /// <summary>Which OOD frame entries can be made wrong.</summary>
    public enum OodEntry
    {
        /// <summary>No change.</summary>
        None,

        /// <summary>The first main column at z.</summary>
        MainAtZ,

        /// <summary>The first main column at g·z (next row).</summary>
        MainAtGz,

        /// <summary>The first auxiliary column at z.</summary>
        AuxAtZ,

        /// <summary>The first auxiliary column at g·z (next row).</summary>
        AuxAtGz,
    }

    /// <summary>Which committed column a cheating prover gives degree exactly n.</summary>
    public enum Column
    {
        /// <summary>No change.</summary>
        None,

        /// <summary>Main column 0 becomes T + (X^n − 1): the same values on H, so the same witness.</summary>
        MainTrace,

        /// <summary>Component 0 of auxiliary column 0 becomes c + (X^n − 1): the same values on H.</summary>
        AuxTrace,

        /// <summary>Chunk 0 gains X^n and chunk 1 loses X^(n − s), so Σ_k X^(k·s)·Q'_k is unchanged.</summary>
        QuotientChunk,
    }

    /// <summary>Skip the prover's self-checks (quotient degree, DEEP consistency, remainder degree).</summary>
    public bool SkipSelfChecks { get; init; }

    /// <summary>
    /// Add 1 to one OOD value and re-balance chunk 0 so the composition check at z still passes (only the DEEP/FRI
    /// check can catch it).
    /// </summary>
    public OodEntry WrongOodValue { get; init; }

    /// <summary>Commit one column of degree exactly n, with true OOD values, so every check except the degree bound passes.</summary>
    public Column DegreeNColumn { get; init; }

    /// <summary>Add 1 to the first OOD chunk value (composition inconsistent at z).</summary>
    public bool WrongOodComposition { get; init; }

    /// <summary>Give the committed DEEP mask degree n, so the last FRI layer exceeds the remainder bound.</summary>
    public bool HighDegreeRemainder { get; init; }

    /// <summary>Send the first nonce that fails the work check instead of grinding.</summary>
    public bool SkipProofOfWork { get; init; }

    /// <summary>Rewrite the opened positions (duplicates, out-of-range values).</summary>
    public Func<int[], int[]>? Positions { get; init; }

    /// <summary>Rewrite the trace before committing (bypassing the prover's checks).</summary>
    public Action<TraceTable>? Trace { get; init; }
}
