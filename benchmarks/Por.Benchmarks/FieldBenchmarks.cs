// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>Goldilocks multiplication: a dependent scalar chain, and bulk (AVX-512/AVX2 when available) over 4096 elements.</summary>
[MemoryDiagnoser]
public class FieldBenchmarks
{
    private readonly Goldilocks[] _a = [.. Enumerable.Range(1, 4096).Select(i => new Goldilocks(unchecked((ulong)i * 0x9E3779B97F4A7C15UL)))];
    private readonly Goldilocks[] _b = [.. Enumerable.Range(1, 4096).Select(i => new Goldilocks(unchecked((ulong)i * 0xC2B2AE3D27D4EB4FUL)))];
    private readonly Goldilocks[] _d = new Goldilocks[4096];

    /// <summary>4096 dependent multiplications (latency).</summary>
    /// <returns>The product.</returns>
    [Benchmark(OperationsPerInvoke = 4096)]
    public Goldilocks ScalarMulChain()
    {
        Goldilocks acc = _a[0];
        for (int i = 0; i < 4096; i++)
        {
            acc *= _b[i];
        }

        return acc;
    }

    /// <summary>4096 independent multiplications through the bulk kernel (throughput).</summary>
    [Benchmark(OperationsPerInvoke = 4096)]
    public void BulkMul() => GoldilocksVector.Multiply(_a, _b, _d);

    /// <summary>4096 independent extension-field multiplications.</summary>
    /// <returns>The sum of products.</returns>
    [Benchmark(OperationsPerInvoke = 4096)]
    public GoldilocksExt3 Ext3Mul()
    {
        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int i = 0; i + 2 < 4096; i += 3)
        {
            acc += new GoldilocksExt3(_a[i], _a[i + 1], _a[i + 2]) * new GoldilocksExt3(_b[i], _b[i + 1], _b[i + 2]);
        }

        return acc;
    }

    /// <summary>The same products with a modular reduction after every base multiplication (the previous multiply).</summary>
    /// <returns>The sum of products.</returns>
    [Benchmark(OperationsPerInvoke = 4096)]
    public GoldilocksExt3 Ext3MulReference()
    {
        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int i = 0; i + 2 < 4096; i += 3)
        {
            acc += GoldilocksExt3.MultiplyReference(new GoldilocksExt3(_a[i], _a[i + 1], _a[i + 2]), new GoldilocksExt3(_b[i], _b[i + 1], _b[i + 2]));
        }

        return acc;
    }
}
