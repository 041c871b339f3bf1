// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Hashing;

namespace Por.Benchmarks;

/// <summary>SHA-256 of 4,096 messages of 100 bytes: the multi-buffer path against one BCL call per message.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private const int Count = 4096;
    private readonly byte[] _messages = new byte[Count * 100];
    private readonly int[] _ends = Enumerable.Range(1, Count).Select(i => i * 100).ToArray();
    private readonly byte[] _digests = new byte[Count * 32];

    [Benchmark(Baseline = true)]
    public void Bcl() => Sha256Batch.HashScalar(_messages, _ends, _digests);

    [Benchmark]
    public void Batch() => Sha256Batch.Hash(_messages, _ends, _digests);
}
