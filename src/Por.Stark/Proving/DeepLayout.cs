// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Por.Stark.Proving;

/// <summary>
/// Order of the DEEP coefficients: γ for main columns at z, auxiliary columns at z, main at g·z, auxiliary at g·z,
/// then one per quotient chunk, then one for the mask codeword, then the degree-correction coefficient γ_c.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct DeepLayout
{
    public DeepLayout(ProofShape shape)
    {
        MainCurrent = 0;
        AuxCurrent = shape.MainWidth;
        MainNext = shape.MainWidth + shape.AuxWidth;
        AuxNext = (2 * shape.MainWidth) + shape.AuxWidth;
        Chunks = 2 * (shape.MainWidth + shape.AuxWidth);
        Mask = Chunks + shape.ChunkCount;
        DegreeCorrection = Mask + 1;
    }

    public int MainCurrent { get; }

    public int AuxCurrent { get; }

    public int MainNext { get; }

    public int AuxNext { get; }

    public int Chunks { get; }

    public int Mask { get; }

    public int DegreeCorrection { get; }
}
