// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Examples;

/// <summary>Declared constraint degrees equal the degrees measured by evaluating the constraints symbolically.</summary>
public sealed class ConstraintDegreeTests
{
    public static TheoryData<string> Airs => ["fibonacci", "poseidon2-chain", "range-sum", "cubic-periodic"];

    [Theory]
    [MemberData(nameof(Airs))]
    public void DeclaredDegrees_EqualMeasured(string name)
    {
        StarkAir air = Build(name);
        Assert.Equal(air.MainConstraintDegrees, ConstraintDegreeCounter.MainDegrees(air));
        Assert.Equal(air.AuxConstraintDegrees, ConstraintDegreeCounter.AuxDegrees(air));
    }

    [Fact]
    public void Counter_SeesProductsSumsAndZeroConstants()
    {
        Assert.Equal([3, 1, 0, -1], ConstraintDegreeCounter.MainDegrees(new ShapesAir()));
    }

    [Theory]
    [MemberData(nameof(Airs))]
    public void CapacityOverloads_CountWithoutTheDeclaredLists(string name)
    {
        StarkAir air = Build(name);
        Assert.Equal(air.MainConstraintDegrees, ConstraintDegreeCounter.MainDegrees(air, capacity: 256));
        Assert.Equal(air.AuxConstraintDegrees, ConstraintDegreeCounter.AuxDegrees(air, capacity: 256));
    }

    [Fact]
    public void CapacityOverloads_RejectOverflowAndGaps()
    {
        Assert.Equal([3, 1, 0, -1], ConstraintDegreeCounter.MainDegrees(new ShapesAir(), capacity: 4));
        Assert.Throws<IndexOutOfRangeException>(() => ConstraintDegreeCounter.MainDegrees(new ShapesAir(), capacity: 3));
        Assert.Throws<InvalidOperationException>(() => ConstraintDegreeCounter.MainDegrees(new ShapesAir(skipSecond: true), capacity: 8));
    }

    private static StarkAir Build(string name) => name switch
    {
        "fibonacci" => new FibonacciAir(64, new Goldilocks(5)),
        "poseidon2-chain" => ExampleAirTests.Poseidon2Chain(64, TestOptions.Small).Air,
        "range-sum" => ExampleAirTests.RangeSum(512, 8, 20, TestOptions.Small).Air,
        _ => new CubicPeriodicAir(64, Goldilocks.One, new Goldilocks(5)),
    };

    /// <summary>x·y·z, x + 7, the constant 5 and the constant 0 (x + 7 left unwritten when skipping).</summary>
    private sealed class ShapesAir(bool skipSecond = false) : StarkAir
    {
        public override string Id => "shapes";

        public override int TraceLength => 8;

        public override int MainWidth => 3;

        public override IReadOnlyList<int> MainConstraintDegrees => [3, 1, 0, 0];

        public override byte[] GetPublicInputBytes() => [];

        public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
        {
            ReadOnlySpan<T> c = frame.Current;
            result[0] = c[0] * c[1] * frame.Next[2];
            if (!skipSecond)
            {
                result[1] = c[0] + T.FromBase(new Goldilocks(7));
            }

            result[2] = T.FromBase(new Goldilocks(5));
            result[3] = T.Zero;
        }

        public override IReadOnlyList<Assertion> GetAssertions(AirContext context) => [];
    }
}
