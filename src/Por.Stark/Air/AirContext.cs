// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Por.Stark.Air;

/// <summary>
/// The trace geometry fixed by an AIR and the pinned options: n rows, of which the last <see cref="RandomRows"/> are
/// random (zero knowledge). Transition constraints apply to every step i → i+1 with i + 1 ≤ <see cref="LastRealRow"/>.
/// </summary>
/// <param name="TraceLength">n, a power of two.</param>
/// <param name="RandomRows">h, the random tail.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct AirContext(int TraceLength, int RandomRows)
{
    /// <summary>The number of rows the witness fills (n − h).</summary>
    public int RealRows => TraceLength - RandomRows;

    /// <summary>The index of the last witness row (n − h − 1).</summary>
    public int LastRealRow => TraceLength - RandomRows - 1;

    /// <summary>Rows exempt from transition constraints: the last real row and the random tail (h + 1).</summary>
    public int TransitionExemptions => RandomRows + 1;
}
