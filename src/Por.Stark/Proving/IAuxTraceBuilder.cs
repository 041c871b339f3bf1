// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// Prover side of an AIR with an auxiliary segment: builds that segment's witness rows once the main trace is committed
/// and the challenges are drawn. The verifier never needs it, so it lives apart from <see cref="StarkAir"/>.
/// </summary>
public interface IAuxTraceBuilder
{
    /// <summary>Builds the auxiliary segment's witness rows from the main rows and the challenges.</summary>
    /// <param name="main">The main witness rows.</param>
    /// <param name="randomness">The auxiliary challenges.</param>
    /// <returns>The auxiliary witness rows (same row count as <paramref name="main"/>).</returns>
    AuxTraceTable Build(TraceTable main, ReadOnlySpan<GoldilocksExt3> randomness);
}
