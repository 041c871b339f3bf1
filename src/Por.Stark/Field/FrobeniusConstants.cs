// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Field;

/// <summary>x^p and x^(2p) in F_p[x]/(x³ − x − 1), computed once by square-and-multiply.</summary>
internal static class FrobeniusConstants
{
    public static readonly GoldilocksExt3 XToP = new GoldilocksExt3(Goldilocks.Zero, Goldilocks.One, Goldilocks.Zero).Pow(Goldilocks.Modulus);

    public static readonly GoldilocksExt3 XToTwoP = XToP * XToP;
}
