// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Commitments;

namespace Por.Benchmarks;

/// <summary>Salted SHA-256 Merkle commitment to 2^20 leaves of 128 bytes (16 columns).</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private const int Leaves = 1 << 20;
    private readonly byte[] _salts = new byte[Leaves * MerkleTree.SaltSize];

    /// <summary>Builds the tree.</summary>
    /// <returns>The tree.</returns>
    [Benchmark]
    public MerkleTree Commit() => MerkleTree.Build(Leaves, 128, _salts, static (i, d) => BitConverter.TryWriteBytes(d, i));
}
