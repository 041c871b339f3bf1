// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Benchmarks;

/// <summary>
/// NTTs of one column: forward at 2^20 and 2^23 (sequential and multi-threaded), inverse at 2^20, and the coset
/// low-degree extension of 2^20 coefficients to 2^23 evaluations (blowup 8) the STARK prover runs per column.
/// </summary>
[MemoryDiagnoser]
public class NttBenchmarks
{
    private Goldilocks[] _values = [];
    private Goldilocks[] _coefficients = [];
    private Goldilocks[] _extension = [];

    /// <summary>log2 of the transform size.</summary>
    [Params(20, 23)]
    public int Log2Size { get; set; }

    /// <summary>Allocates the inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _values = [.. Enumerable.Range(0, 1 << Log2Size).Select(i => new Goldilocks(unchecked((ulong)i * 0x9E3779B97F4A7C15UL)))];
        _coefficients = [.. _values.Take(1 << 20)];
        _extension = new Goldilocks[8 << 20];
    }

    /// <summary>Parallel forward transform.</summary>
    [Benchmark]
    public void ForwardParallel() => Ntt.ForwardParallel(_values);

    /// <summary>Single-threaded forward transform.</summary>
    [Benchmark]
    public void ForwardSequential() => Ntt.Forward(_values);

    /// <summary>Single-threaded inverse transform (2^20 only: the prover interpolates trace columns of that size).</summary>
    [Benchmark]
    public void InverseSequential()
    {
        if (Log2Size == 20)
        {
            Ntt.Inverse(_values);
        }
    }

    /// <summary>Single-threaded coset extension of 2^20 coefficients to 2^23 evaluations (run once, at Log2Size 20).</summary>
    [Benchmark]
    public void ExtendCoefficients20To23()
    {
        if (Log2Size == 20)
        {
            Ntt.ExtendCoefficients(_coefficients, Goldilocks.MultiplicativeGenerator, _extension);
        }
    }
}
