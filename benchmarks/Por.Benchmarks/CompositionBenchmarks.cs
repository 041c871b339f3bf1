// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Benchmarks;

/// <summary>
/// Σ_j α_j·C_j of the benchmark AIR (Poseidon2 row + 26 degree-7 columns, 120 columns) at eight LDE points: eight
/// scalar evaluations against one packed evaluation.
/// </summary>
[MemoryDiagnoser]
public class CompositionBenchmarks
{
    private const int N = 1024;
    private readonly ConstraintComposer _composer;
    private readonly Goldilocks[][] _current = new Goldilocks[8][];
    private readonly Goldilocks[][] _next = new Goldilocks[8][];
    private readonly GoldilocksX8[] _packedCurrent;
    private readonly GoldilocksX8[] _packedNext;
    private readonly Goldilocks[] _scratch;
    private readonly GoldilocksX8[] _packedScratch;

    /// <summary>Builds the AIR, random coefficients and eight random frames.</summary>
    public CompositionBenchmarks()
    {
        StarkOptions options = StarkOptions.Production;
        Goldilocks[] seed = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        var air = new WideBenchmarkAir(N, 26, seed, new Goldilocks[8]);
        ProofShape shape = ProofShape.Create(air, options);
        _composer = new ConstraintComposer(air, shape, []);
        _composer.SetCoefficients([.. Enumerable.Range(0, _composer.CoefficientCount).Select(i => new GoldilocksExt3(Value(i, 1), Value(i, 2), Value(i, 3)))]);
        int w = air.MainWidth;
        _packedCurrent = new GoldilocksX8[w];
        _packedNext = new GoldilocksX8[w];
        Span<Goldilocks> lanes = stackalloc Goldilocks[8];
        for (int k = 0; k < 8; k++)
        {
            _current[k] = [.. Enumerable.Range(0, w).Select(c => Value(c, (ulong)k + 10))];
            _next[k] = [.. Enumerable.Range(0, w).Select(c => Value(c, (ulong)k + 20))];
        }

        for (int c = 0; c < w; c++)
        {
            for (int k = 0; k < 8; k++)
            {
                lanes[k] = _current[k][c];
            }

            _packedCurrent[c] = GoldilocksX8.Load(lanes);
            for (int k = 0; k < 8; k++)
            {
                lanes[k] = _next[k][c];
            }

            _packedNext[c] = GoldilocksX8.Load(lanes);
        }

        _scratch = new Goldilocks[air.MainConstraintDegrees.Count];
        _packedScratch = new GoldilocksX8[air.MainConstraintDegrees.Count];
    }

    /// <summary>Eight points, one scalar evaluation each.</summary>
    /// <returns>The last point's combination.</returns>
    [Benchmark(Baseline = true)]
    public GoldilocksExt3 ScalarEightPoints()
    {
        GoldilocksExt3 sum = GoldilocksExt3.Zero;
        for (int k = 0; k < 8; k++)
        {
            sum += _composer.CombineTransitions(
                new EvaluationFrame<Goldilocks>(_current[k], _next[k]), default(EvaluationFrame<GoldilocksExt3>), [], _scratch, []);
        }

        return sum;
    }

    /// <summary>The same eight points in one packed evaluation.</summary>
    /// <returns>The combinations.</returns>
    [Benchmark]
    public GoldilocksExt3X8 PackedBlock() =>
        _composer.CombineTransitions(
            new EvaluationFrame<GoldilocksX8>(_packedCurrent, _packedNext), default(EvaluationFrame<GoldilocksExt3X8>), [], _packedScratch, []);

    private static Goldilocks Value(int i, ulong salt) => new(unchecked(((ulong)i + 1) * 0x9E3779B97F4A7C15UL * (salt | 1)));
}
