// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Por.Stark.Field;

namespace Por.Stark.Randomness;

/// <summary>Uniform field elements from a random source, by rejection of values ≥ p.</summary>
internal static class RandomElements
{
    public static void Fill(IRandomSource source, Span<Goldilocks> destination)
    {
        Span<ulong> raw = MemoryMarshal.Cast<Goldilocks, ulong>(destination);
        source.Fill(MemoryMarshal.AsBytes(raw));
        Span<ulong> one = stackalloc ulong[1];
        for (int i = 0; i < raw.Length; i++)
        {
            while (raw[i] >= Goldilocks.Modulus)
            {
                source.Fill(MemoryMarshal.AsBytes(one));
                raw[i] = one[0];
            }
        }
    }

    public static Goldilocks[] Create(IRandomSource source, int count)
    {
        var result = new Goldilocks[count];
        Fill(source, result);
        return result;
    }
}
