// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Security;

/// <summary>Inputs of the security estimator.</summary>
/// <param name="ExtensionDegree">Extension degree of the challenge field (1, 2 or 3).</param>
/// <param name="Blowup">LDE blowup (1/ρ).</param>
/// <param name="Queries">FRI queries.</param>
/// <param name="GrindingBits">Proof-of-work bits.</param>
/// <param name="FoldingFactor">FRI folding factor.</param>
/// <param name="RemainderMaxDegree">FRI remainder max degree.</param>
/// <param name="TraceLength">n.</param>
public sealed record EstimatorParameters(int ExtensionDegree, int Blowup, int Queries, int GrindingBits, int FoldingFactor, int RemainderMaxDegree, int TraceLength);
