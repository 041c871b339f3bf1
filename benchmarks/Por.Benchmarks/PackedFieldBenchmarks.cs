// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>
/// Packed Goldilocks arithmetic (eight lanes per value): multiplication latency and throughput per lane, and the
/// packed and scalar extension-field multiplications. Compare with <see cref="FieldBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class PackedFieldBenchmarks
{
    private const int Count = 512;
    private readonly GoldilocksX8[] _a;
    private readonly GoldilocksX8[] _b;
    private readonly GoldilocksExt3X8[] _ea;
    private readonly GoldilocksExt3X8[] _eb;

    /// <summary>Creates the operands.</summary>
    public PackedFieldBenchmarks()
    {
        Goldilocks[] a = [.. Enumerable.Range(1, 8 * Count).Select(i => new Goldilocks(unchecked((ulong)i * 0x9E3779B97F4A7C15UL)))];
        Goldilocks[] b = [.. Enumerable.Range(1, 8 * Count).Select(i => new Goldilocks(unchecked((ulong)i * 0xC2B2AE3D27D4EB4FUL)))];
        _a = [.. Enumerable.Range(0, Count).Select(i => GoldilocksX8.Load(a.AsSpan(8 * i)))];
        _b = [.. Enumerable.Range(0, Count).Select(i => GoldilocksX8.Load(b.AsSpan(8 * i)))];
        _ea = [.. Enumerable.Range(0, Count).Select(i => new GoldilocksExt3X8(_a[i], _b[i], _a[(i + 1) % Count]))];
        _eb = [.. Enumerable.Range(0, Count).Select(i => new GoldilocksExt3X8(_b[i], _a[(i + 3) % Count], _b[(i + 5) % Count]))];
    }

    /// <summary>512 dependent packed multiplications (latency; reported per lane).</summary>
    /// <returns>The product.</returns>
    [Benchmark(OperationsPerInvoke = 8 * Count)]
    public GoldilocksX8 PackedMulChain()
    {
        GoldilocksX8 acc = _a[0];
        for (int i = 0; i < Count; i++)
        {
            acc *= _b[i];
        }

        return acc;
    }

    /// <summary>512 independent packed multiplications, summed (throughput; reported per lane).</summary>
    /// <returns>The sum of products.</returns>
    [Benchmark(OperationsPerInvoke = 8 * Count)]
    public GoldilocksX8 PackedMulThroughput()
    {
        GoldilocksX8 acc = GoldilocksX8.Zero;
        for (int i = 0; i < Count; i++)
        {
            acc += _a[i] * _b[i];
        }

        return acc;
    }

    /// <summary>512 independent packed extension multiplications, summed (reported per lane).</summary>
    /// <returns>The sum of products.</returns>
    [Benchmark(OperationsPerInvoke = 8 * Count)]
    public GoldilocksExt3X8 PackedExt3Mul()
    {
        GoldilocksExt3X8 acc = GoldilocksExt3X8.Zero;
        for (int i = 0; i < Count; i++)
        {
            acc += _ea[i] * _eb[i];
        }

        return acc;
    }
}
