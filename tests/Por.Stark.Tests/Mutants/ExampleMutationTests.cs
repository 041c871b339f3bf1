// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.LogUp;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Mutants;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Mutants;

/// <summary>
/// The constraint-mutation harness over the engine's example AIRs (and the test-only periodic AIR): every transition
/// constraint, assertion, LogUp fraction and bus is disabled in turn and a specific cheating proof separates the
/// mutant verifier (accepts) from the real one (rejects). See docs/stark.md.
/// </summary>
public sealed class ExampleMutationTests(ITestOutputHelper output)
{
    private const int Row = 10;

    [Fact]
    public void Fibonacci_EveryItemLoadBearing() => Check(FibonacciSuite());

    [Fact]
    public void CubicPeriodic_EveryItemLoadBearing() => Check(CubicSuite());

    [Fact]
    public void Poseidon2Chain_EveryItemLoadBearing() => Check(Poseidon2ChainSuite());

    [Fact]
    public void RangeSum_EveryItemLoadBearing() => Check(RangeSumSuite());

    private void Check(MutantSuite suite)
    {
        MutantReport report = MutationHarness.Run(suite, output.WriteLine);
        string summary = MutationHarness.Publish(report);
        output.WriteLine(summary);
        Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, report.Failures));
        Assert.Equal(report.Total, report.LoadBearing + report.Redundant);
    }

    private static MutantSuite FibonacciSuite()
    {
        int n = 64;
        var context = new AirContext(n, TestOptions.Small.RandomRows);
        int last = context.LastRealRow;
        (StarkAir, TraceTable) Claim(TraceTable t) => (new FibonacciAir(n, t[1, last]), t);
        TraceTable Forward(TraceTable t, int from)
        {
            for (int r = from + 1; r < t.Rows; r++)
            {
                t[0, r] = t[1, r - 1];
                t[1, r] = t[0, r - 1] + t[1, r - 1];
            }

            return t;
        }

        TraceTable Bumped(int column, int row)
        {
            TraceTable t = FibonacciAir.BuildTrace(context);
            t[column, row] += Goldilocks.One;
            return Forward(t, row);
        }

        MutantWitness Witness(MutantItem item) => (item.Kind, item.Index) switch
        {
            (MutantKind.MainConstraint, 0) => MutantWitness.Forgery("a' ≠ b at one step: the sequence forks and claims a non-Fibonacci result", () => Claim(Bumped(0, Row))),
            (MutantKind.MainConstraint, 1) => MutantWitness.Forgery("b' ≠ a + b at one step: claims a non-Fibonacci result", () => Claim(Bumped(1, Row))),
            (MutantKind.Assertion, 0) => MutantWitness.Forgery("starts from a₀ = 2: the result of another sequence", () => Claim(Bumped(0, 0))),
            (MutantKind.Assertion, 1) => MutantWitness.Forgery("starts from b₀ = 2: the result of another sequence", () => Claim(Bumped(1, 0))),
            (MutantKind.Assertion, 2) => MutantWitness.Forgery("honest trace, result + 1 claimed", () =>
            {
                TraceTable t = FibonacciAir.BuildTrace(context);
                return (new FibonacciAir(n, t[1, last] + Goldilocks.One), t);
            }),
            _ => throw new InvalidOperationException($"No witness for {item}."),
        };

        var air = new FibonacciAir(n, Goldilocks.One);
        return new MutantSuite("FibonacciAir", air, TestOptions.Small, null, MutationHarness.ConstraintItems(air, context), Witness, () => Claim(FibonacciAir.BuildTrace(context)));
    }

    private static MutantSuite CubicSuite()
    {
        int n = 64;
        var context = new AirContext(n, TestOptions.Small.RandomRows);
        int last = context.LastRealRow;
        var seed = new Goldilocks(5);
        (StarkAir, TraceTable) Claim(TraceTable t) => (new CubicPeriodicAir(n, seed, t[0, last]), t);
        TraceTable Bumped(int row)
        {
            TraceTable t = CubicPeriodicAir.BuildTrace(context, seed);
            t[0, row] += Goldilocks.One;
            for (int r = row + 1; r < t.Rows; r++)
            {
                Goldilocks x = t[0, r - 1];
                t[0, r] = (x * x * x) + CubicPeriodicAir.Constants[(r - 1) % CubicPeriodicAir.Constants.Length];
            }

            return t;
        }

        MutantWitness Witness(MutantItem item) => (item.Kind, item.Index) switch
        {
            (MutantKind.MainConstraint, 0) => MutantWitness.Forgery("x' ≠ x³ + c at one step: claims another result", () => Claim(Bumped(Row))),
            (MutantKind.Assertion, 0) => MutantWitness.Forgery("starts from seed + 1: the result of another seed", () => Claim(Bumped(0))),
            (MutantKind.Assertion, 1) => MutantWitness.Forgery("honest trace, result + 1 claimed", () =>
            {
                TraceTable t = CubicPeriodicAir.BuildTrace(context, seed);
                return (new CubicPeriodicAir(n, seed, t[0, last] + Goldilocks.One), t);
            }),
            _ => throw new InvalidOperationException($"No witness for {item}."),
        };

        var air = new CubicPeriodicAir(n, seed, Goldilocks.One);
        return new MutantSuite("CubicPeriodicAir (test)", air, TestOptions.Small, null, MutationHarness.ConstraintItems(air, context), Witness, () => Claim(CubicPeriodicAir.BuildTrace(context, seed)));
    }

    private static MutantSuite Poseidon2ChainSuite()
    {
        int n = 64;
        Poseidon2 permutation = Poseidon2.Goldilocks8;
        int w = permutation.Parameters.Width;
        int rounds = Poseidon2Row.ConstraintCount(permutation.Parameters);
        var context = new AirContext(n, TestOptions.Small.RandomRows);
        int last = context.LastRealRow;
        Goldilocks[] seed = [.. Enumerable.Range(0, w).Select(i => new Goldilocks((ulong)i))];
        (StarkAir, TraceTable) Claim(TraceTable t) =>
            (new Poseidon2ChainAir(n, permutation, seed, [.. Enumerable.Range(0, w).Select(i => t[i, last])]), t);

        // Rewrites rows after `from` so that each starts from the previous row's committed output.
        TraceTable Forward(TraceTable t, int from)
        {
            var columns = new Goldilocks[t.Width];
            var state = new Goldilocks[w];
            for (int r = from + 1; r < t.Rows; r++)
            {
                for (int i = 0; i < w; i++)
                {
                    state[i] = t[t.Width - w + i, r - 1];
                }

                Poseidon2Row.Write(permutation, state, columns, new Goldilocks[w]);
                for (int c = 0; c < t.Width; c++)
                {
                    t[c, r] = columns[c];
                }
            }

            return t;
        }

        TraceTable Honest(ReadOnlySpan<Goldilocks> start) => Poseidon2ChainAir.BuildTrace(permutation, context, start, new Goldilocks[w]);

        TraceTable RoundBumped(int column)
        {
            TraceTable t = Honest(seed);
            var columns = new Goldilocks[t.Width];
            t.ReadRow(Row, columns);
            columns[column] += Goldilocks.One;
            MutantWitnesses.RepairPermutationRow(permutation, columns, column);
            for (int c = 0; c < t.Width; c++)
            {
                t[c, Row] = columns[c];
            }

            return Forward(t, Row);
        }

        TraceTable InputBumped(int lane)
        {
            TraceTable t = Honest(seed);
            var columns = new Goldilocks[t.Width];
            var input = new Goldilocks[w];
            for (int i = 0; i < w; i++)
            {
                input[i] = t[i, Row];
            }

            input[lane] += Goldilocks.One;
            Poseidon2Row.Write(permutation, input, columns, new Goldilocks[w]);
            for (int c = 0; c < t.Width; c++)
            {
                t[c, Row] = columns[c];
            }

            return Forward(t, Row);
        }

        MutantWitness Witness(MutantItem item)
        {
            if (item.Kind == MutantKind.MainConstraint && item.Index < rounds)
            {
                return MutantWitness.Forgery($"round column {w + item.Index} of row {Row} off by one, the rest of the chain re-derived: claims another image", () => Claim(RoundBumped(w + item.Index)));
            }

            if (item.Kind == MutantKind.MainConstraint)
            {
                int lane = item.Index - rounds;
                return MutantWitness.Forgery($"row {Row} starts from the previous output with lane {lane} + 1: claims another image", () => Claim(InputBumped(lane)));
            }

            int laneOf = item.Index / 2;
            if (item.Index % 2 == 0)
            {
                return MutantWitness.Forgery($"chain from another seed (lane {laneOf} + 1) claimed for the public seed", () =>
                {
                    Goldilocks[] other = [.. seed];
                    other[laneOf] += Goldilocks.One;
                    return Claim(Honest(other));
                });
            }

            return MutantWitness.Forgery($"honest chain, result lane {laneOf} + 1 claimed", () =>
            {
                TraceTable t = Honest(seed);
                Goldilocks[] result = [.. Enumerable.Range(0, w).Select(i => t[i, last])];
                result[laneOf] += Goldilocks.One;
                return (new Poseidon2ChainAir(n, permutation, seed, result), t);
            });
        }

        StarkAir air = Claim(Honest(seed)).Item1;
        return new MutantSuite("Poseidon2ChainAir", air, TestOptions.Small, null, MutationHarness.ConstraintItems(air, context), Witness, () => Claim(Honest(seed)));
    }

    private static MutantSuite RangeSumSuite()
    {
        int n = 512, bits = 8, count = 256;
        var context = new AirContext(n, TestOptions.Small.RandomRows);
        int rows = context.RealRows;
        int top = (1 << bits) - 1;
        Goldilocks[] Values() => [.. Enumerable.Range(0, count).Select(i => new Goldilocks((ulong)((i * 2654435761L) & top)))];
        Goldilocks Ramp(int r) => new((ulong)Math.Min(r, top));

        // v, t, m (counted against the ramp's first row holding each value), s (field prefix sums); claims s_last.
        (StarkAir, TraceTable) Build(Goldilocks[] values, Func<int, Goldilocks> ramp, bool countLookups = true, ulong offset = 0)
        {
            var t = new TraceTable(4, rows);
            var firstRow = new Dictionary<Goldilocks, int>();
            for (int r = 0; r < rows; r++)
            {
                t[1, r] = ramp(r);
                firstRow.TryAdd(t[1, r], r);
            }

            var sum = new Goldilocks(offset);
            for (int r = 0; r < rows; r++)
            {
                Goldilocks v = r < values.Length ? values[r] : Goldilocks.Zero;
                t[0, r] = v;
                t[3, r] = sum;
                if (r < rows - 1)
                {
                    sum += v;
                    if (countLookups && firstRow.TryGetValue(v, out int at))
                    {
                        t[2, at] += Goldilocks.One;
                    }
                }
            }

            return (new RangeSumAir(n, bits, t[3, rows - 1].Value), t);
        }

        Goldilocks[] OutOfRange(ulong value)
        {
            Goldilocks[] values = Values();
            values[5] = new Goldilocks(value);
            return values;
        }

        MutantWitness Witness(MutantItem item) => (item.Kind, item.Index) switch
        {
            (MutantKind.MainConstraint, 0) => MutantWitness.Forgery("the ramp steps up to 256 and back: the out-of-range value 256 is summed", () =>
                Build(OutOfRange(256), r => r == 300 ? new Goldilocks(256) : Ramp(r))),
            (MutantKind.MainConstraint, 1) => MutantWitness.Forgery("the running sum jumps by 5: total + 5 claimed", () =>
            {
                (StarkAir _, TraceTable t) = Build(Values(), Ramp);
                for (int r = 100; r < rows; r++)
                {
                    t[3, r] += new Goldilocks(5);
                }

                return (new RangeSumAir(n, bits, t[3, rows - 1].Value), t);
            }),
            (MutantKind.AuxConstraint, _) or (MutantKind.AuxAssertion, _) => MutantWitness.Forgery("the out-of-range value 256 is summed, its lookup imbalance absorbed by the unpinned aux cell", () =>
                Build(OutOfRange(256), Ramp)),
            (MutantKind.Assertion, 0) => MutantWitness.Forgery("the ramp starts at −1: the value −1 (p − 1) is summed", () =>
                Build(OutOfRange(Goldilocks.Modulus - 1), r => r == 0 ? new Goldilocks(Goldilocks.Modulus - 1) : Ramp(r - 1))),
            (MutantKind.Assertion, 1) => MutantWitness.Forgery("the ramp runs on to 300: the out-of-range value 260 is summed", () =>
                Build(OutOfRange(260), r => new Goldilocks((ulong)Math.Min(r, 300)))),
            (MutantKind.Assertion, 2) => MutantWitness.Forgery("the running sum starts at 5: total + 5 claimed", () => Build(Values(), Ramp, offset: 5)),
            (MutantKind.Assertion, 3) => MutantWitness.Forgery("honest trace, total + 1 claimed", () =>
            {
                (StarkAir _, TraceTable t) = Build(Values(), Ramp);
                return (new RangeSumAir(n, bits, t[3, rows - 1].Value + 1), t);
            }),
            (MutantKind.Assertion, 4) => MutantWitness.Redundant(
                "v_last = 0: the last witness row's v enters no accumulated step (s' − s − v and the fraction constraint are exempt there), so v_last changes nothing the statement depends on"),
            (MutantKind.Fraction, 0) => MutantWitness.Forgery("value lookups gone: the out-of-range value 256 is summed (all multiplicities zero)", () =>
                Build(OutOfRange(256), Ramp, countLookups: false)),
            (MutantKind.Fraction, 1) => MutantWitness.Completeness("table receive: zeroing it only removes solutions; every honest lookup is then unmatched", () => Build(Values(), Ramp)),
            (MutantKind.Fraction, _) => MutantWitness.Forgery("range bus gone: the out-of-range value 256 is summed", () => Build(OutOfRange(256), Ramp)),
            _ => throw new InvalidOperationException($"No witness for {item}."),
        };

        StarkAir air = Build(Values(), Ramp).Item1;
        List<MutantItem> items = MutationHarness.ConstraintItems(air, context);
        items.Add(new MutantItem(MutantKind.Fraction, 0, "value lookup 1/(α − φ(v))", [0]));
        items.Add(new MutantItem(MutantKind.Fraction, 1, "table −m/(α − φ(t))", [1]));
        items.Add(new MutantItem(MutantKind.Fraction, 2, "range bus (both fractions)", [0, 1]));
        return new MutantSuite("RangeSumAir", air, TestOptions.Small, new RangeSumLayout(), items, Witness, () => Build(Values(), Ramp));
    }

    /// <summary>RangeSumAir's two fractions, as its EvaluateAuxTransition writes them (the control checks they agree).</summary>
    private sealed class RangeSumLayout : ILogUpLayout
    {
        public int FractionCount => 2;

        public int PerColumn => 2;

        public void Fractions<T, TE>(ReadOnlySpan<T> row, ReadOnlySpan<GoldilocksExt3> randomness, Span<TE> numerators, Span<TE> denominators)
            where T : unmanaged, IStarkField<T>
            where TE : unmanaged, IStarkExtension<TE, T>
        {
            numerators[0] = TE.One;
            numerators[1] = -TE.Lift(row[2]);
            denominators[0] = LogUpBus.Denominator<T, TE>(randomness[0], randomness[1], RangeSumAir.RangeBusTag, row[..1]);
            denominators[1] = LogUpBus.Denominator<T, TE>(randomness[0], randomness[1], RangeSumAir.RangeBusTag, row.Slice(1, 1));
        }
    }
}
