// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Benchmarks;

/// <summary>
/// NTTs of one column at 2^20 and 2^23: forward (sequential and multi-threaded), inverse, and the coset low-degree
/// extension by blowup 8 into that size (at 2^23: 2^20 coefficients to 2^23 evaluations, what the STARK prover runs
/// per main-trace column).
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
        _coefficients = [.. _values.Take(1 << (Log2Size - 3))];
        _extension = new Goldilocks[1 << Log2Size];
    }

    /// <summary>Parallel forward transform.</summary>
    [Benchmark]
    public void ForwardParallel() => Ntt.ForwardParallel(_values);

    /// <summary>Single-threaded forward transform.</summary>
    [Benchmark]
    public void ForwardSequential() => Ntt.Forward(_values);

    /// <summary>Single-threaded inverse transform.</summary>
    [Benchmark]
    public void InverseSequential() => Ntt.Inverse(_values);

    /// <summary>Single-threaded coset extension of 2^(Log2Size − 3) coefficients to 2^Log2Size evaluations.</summary>
    [Benchmark]
    public void ExtendCoefficientsBlowup8() => Ntt.ExtendCoefficients(_coefficients, Goldilocks.MultiplicativeGenerator, _extension);
}
