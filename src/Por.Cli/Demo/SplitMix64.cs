// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>
/// A small seeded generator for synthetic demo and benchmark data only (reproducible exchanges). Never used for salts,
/// keys or proofs: those come from the OS CSPRNG.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A value in [0, bound).</summary>
    public ulong Below(ulong bound) => (ulong)((UInt128)Next() * bound >> 64);
}
