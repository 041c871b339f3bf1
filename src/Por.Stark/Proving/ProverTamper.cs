// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Proving;

/// <summary>
/// Test-only deviations for cheating-prover tests. Each one makes the prover skip its own self-checks and deviate at
/// one step while keeping the transcript consistent, so that exactly one verifier check is exercised.
/// </summary>
internal sealed class ProverTamper
{
    /// <summary>Skip the prover's degree self-checks (a cheating prover would not run them).</summary>
    public bool SkipSelfChecks { get; init; }

    /// <summary>Add 1 to the first main OOD value and re-balance chunk 0 so the composition check at z still passes.</summary>
    public bool WrongOodTraceValue { get; init; }

    /// <summary>Add 1 to the first OOD chunk value (composition inconsistent at z).</summary>
    public bool WrongOodComposition { get; init; }

    /// <summary>Give the committed DEEP mask degree n, so the last FRI layer exceeds the remainder bound (remainder of too high degree).</summary>
    public bool HighDegreeRemainder { get; init; }

    /// <summary>Send the first nonce that fails the work check instead of grinding.</summary>
    public bool SkipProofOfWork { get; init; }

    /// <summary>Rewrite the opened positions (duplicates, out-of-range values).</summary>
    public Func<int[], int[]>? Positions { get; init; }

    /// <summary>Rewrite the trace before committing (bypassing the prover's checks).</summary>
    public Action<Por.Stark.Air.TraceTable>? Trace { get; init; }
}
