// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Benchmarks;

/// <summary>Forward NTT of one column at 2^20 and 2^23 (multi-threaded), and the sequential one at 2^20.</summary>
[MemoryDiagnoser]
public class NttBenchmarks
{
    private Goldilocks[] _values = [];

    /// <summary>log2 of the transform size.</summary>
    [Params(20, 23)]
    public int Log2Size { get; set; }

    /// <summary>Allocates the input.</summary>
    [GlobalSetup]
    public void Setup() => _values = [.. Enumerable.Range(0, 1 << Log2Size).Select(i => new Goldilocks((ulong)i * 0x9E3779B97F4A7C15UL))];

    /// <summary>Parallel forward transform.</summary>
    [Benchmark]
    public void ForwardParallel() => Ntt.ForwardParallel(_values);

    /// <summary>Single-threaded forward transform.</summary>
    [Benchmark]
    public void ForwardSequential() => Ntt.Forward(_values);
}
