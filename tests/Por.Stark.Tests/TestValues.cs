// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Tests;

/// <summary>Deterministic pseudo-random field elements for the polynomial tests (an LCG: reproducible, not secret).</summary>
internal static class TestValues
{
    public static Goldilocks[] Random(int n, ulong seed)
    {
        var r = new Goldilocks[n];
        ulong s = seed;
        for (int i = 0; i < n; i++)
        {
            s = unchecked((s * 6364136223846793005UL) + 1442695040888963407UL);
            r[i] = new Goldilocks(s);
        }

        return r;
    }
}
