// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Testing.Security;

/// <summary>
/// Inputs of the independent soundness estimate, in ethereum/soundcalc's vocabulary (a FRI-based DEEP-ALI circuit).
/// </summary>
/// <param name="ExtensionDegree">Extension degree of the Goldilocks challenge field.</param>
/// <param name="Blowup">1/ρ.</param>
/// <param name="TraceLength">n, the dimension k of the Reed–Solomon code.</param>
/// <param name="Queries">FRI queries.</param>
/// <param name="GrindingBits">Proof-of-work bits before the query phase.</param>
/// <param name="FoldingFactor">FRI folding factor (the same in every round).</param>
/// <param name="FoldingRounds">FRI folding rounds (committed layers).</param>
/// <param name="Constraints">Constraints batched by the ALI step (constraints and assertions).</param>
/// <param name="MaxConstraintDegree">AIR max degree used by the DEEP term.</param>
/// <param name="OpeningPoints">Out-of-domain points per column (z and g·z: 2).</param>
/// <param name="BatchSize">Functions batched before FRI (matters only under power batching).</param>
/// <param name="PowerBatching">True when the batching coefficients are powers of one challenge.</param>
public sealed record SoundcalcInputs(
    int ExtensionDegree,
    int Blowup,
    int TraceLength,
    int Queries,
    int GrindingBits,
    int FoldingFactor,
    int FoldingRounds,
    int Constraints,
    int MaxConstraintDegree,
    int OpeningPoints,
    int BatchSize,
    bool PowerBatching);
