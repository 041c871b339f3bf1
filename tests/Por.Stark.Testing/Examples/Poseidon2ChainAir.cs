// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;

namespace Por.Stark.Testing.Examples;

/// <summary>
/// Example AIR: a Poseidon2 hash chain s_{i+1} = Perm(s_i), one permutation per row with degree-7 S-box constraints
/// (no S-box registers). Row layout: the input state (width w), the state after each full round (RF·w), and each
/// partial-round S-box output (RP); each partial-round state is a linear form recomputed from those columns.
/// Transitions link each row's output to the next row's input. Assertions: the input at row 0 is the public seed and
/// the input at the last witness row is the public result, so the chain has n − h − 1 permutations.
/// </summary>
public sealed class Poseidon2ChainAir : StarkAir
{
    private readonly Poseidon2 _permutation;
    private readonly Goldilocks[] _seed;
    private readonly Goldilocks[] _result;
    private readonly int[] _degrees;

    /// <summary>Creates the statement.</summary>
    /// <param name="traceLength">n.</param>
    /// <param name="permutation">The Poseidon2 instance (its id is part of the AIR id).</param>
    /// <param name="seed">The chain's first state.</param>
    /// <param name="result">The claimed state after n − h − 1 permutations.</param>
    /// <exception cref="ArgumentException">Wrong state sizes.</exception>
    public Poseidon2ChainAir(int traceLength, Poseidon2 permutation, ReadOnlySpan<Goldilocks> seed, ReadOnlySpan<Goldilocks> result)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        int w = permutation.Parameters.Width;
        if (seed.Length != w || result.Length != w)
        {
            throw new ArgumentException("Seed and result must have the permutation's width.", nameof(seed));
        }

        TraceLength = traceLength;
        _permutation = permutation;
        _seed = seed.ToArray();
        _result = result.ToArray();
        Poseidon2Parameters p = permutation.Parameters;
        int fullRounds = p.InitialFullRounds + p.FinalFullRounds;
        _degrees = [.. Enumerable.Repeat(7, (fullRounds * w) + p.PartialRounds), .. Enumerable.Repeat(1, w)];
        MainWidth = w + (fullRounds * w) + p.PartialRounds;
    }

    /// <inheritdoc />
    public override string Id => "por.example.poseidon2-chain/v1/" + _permutation.Parameters.Id;

    /// <inheritdoc />
    public override int TraceLength { get; }

    /// <inheritdoc />
    public override int MainWidth { get; }

    /// <inheritdoc />
    public override IReadOnlyList<int> MainConstraintDegrees => _degrees;

    /// <summary>Builds the witness: the chain from <paramref name="seed"/> and every round's state.</summary>
    /// <param name="permutation">The instance.</param>
    /// <param name="context">The geometry.</param>
    /// <param name="seed">The first state.</param>
    /// <param name="result">Receives the state at the last witness row.</param>
    /// <returns>The trace.</returns>
    public static TraceTable BuildTrace(Poseidon2 permutation, AirContext context, ReadOnlySpan<Goldilocks> seed, Span<Goldilocks> result)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        Poseidon2Parameters p = permutation.Parameters;
        int w = p.Width;
        int width = Poseidon2Row.ColumnCount(p);
        var trace = new TraceTable(width, context.RealRows);
        var state = seed.ToArray();
        var columns = new Goldilocks[width];
        for (int row = 0; row < context.RealRows; row++)
        {
            Poseidon2Row.Write(permutation, state, columns, state);
            for (int col = 0; col < width; col++)
            {
                trace[col, row] = columns[col];
            }

            if (row == context.RealRows - 1)
            {
                for (int i = 0; i < w; i++)
                {
                    result[i] = trace[i, row];
                }
            }
        }

        return trace;
    }

    /// <inheritdoc />
    public override byte[] GetPublicInputBytes()
    {
        byte[] id = Encoding.UTF8.GetBytes(_permutation.Parameters.Id);
        var bytes = new byte[8 + (16 * _seed.Length) + id.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, TraceLength);
        for (int i = 0; i < _seed.Length; i++)
        {
            _seed[i].WriteTo(bytes.AsSpan(8 + (8 * i)));
            _result[i].WriteTo(bytes.AsSpan(8 + (8 * (_seed.Length + i))));
        }

        id.CopyTo(bytes.AsSpan(8 + (16 * _seed.Length)));
        return bytes;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        int w = _permutation.Parameters.Width;
        Span<T> state = stackalloc T[w];
        int k = Poseidon2Row.Evaluate(_permutation, frame.Current, result, state);
        ReadOnlySpan<T> next = frame.Next;
        for (int i = 0; i < w; i++)
        {
            result[k++] = next[i] - state[i];
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<Assertion> GetAssertions(AirContext context)
    {
        var list = new List<Assertion>();
        for (int i = 0; i < _seed.Length; i++)
        {
            list.Add(new Assertion(i, 0, _seed[i]));
            list.Add(new Assertion(i, context.LastRealRow, _result[i]));
        }

        return list;
    }
}
