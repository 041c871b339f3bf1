// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Por.Stark.Randomness;

/// <summary>
/// TEST MODE ONLY: SHA-256 in counter mode over a fixed seed, for reproducible proofs. Proofs made with it carry the
/// test-mode flag and verifiers refuse them unless explicitly allowed; anyone knowing the seed can strip the masks.
/// </summary>
public sealed class DeterministicRandomSource : IRandomSource
{
    private readonly byte[] _seed;
    private readonly Lock _gate = new();
    private ulong _counter;

    /// <summary>Creates a source from a seed.</summary>
    /// <param name="seed">Any bytes.</param>
    public DeterministicRandomSource(ReadOnlySpan<byte> seed) => _seed = seed.ToArray();

    /// <inheritdoc />
    public bool IsDeterministic => true;

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        lock (_gate)
        {
            Span<byte> input = stackalloc byte[8];
            Span<byte> block = stackalloc byte[32];
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int offset = 0; offset < destination.Length; offset += 32)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(input, _counter++);
                sha.AppendData(_seed);
                sha.AppendData(input);
                sha.GetHashAndReset(block);
                int n = Math.Min(32, destination.Length - offset);
                block[..n].CopyTo(destination.Slice(offset, n));
            }
        }
    }
}
