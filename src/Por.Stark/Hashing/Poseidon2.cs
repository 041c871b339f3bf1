// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Field;

namespace Por.Stark.Hashing;

/// <summary>
/// The Poseidon2 permutation over Goldilocks (eprint 2023/323), generic over its parameters: M_E first; then the
/// initial full rounds (constants on all lanes, x^7 on all lanes, M_E); the partial rounds (constant on lane 0, x^7 on
/// lane 0, M_I); the final full rounds. The arithmetic is written once over <see cref="IStarkField{T}"/> so the AIR
/// reuses the same linear layers for its constraints.
/// </summary>
public sealed class Poseidon2
{
    /// <summary>Creates a permutation.</summary>
    /// <param name="parameters">The instance.</param>
    public Poseidon2(Poseidon2Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _diagonal = [.. parameters.InternalDiagonal];
        _m4IsCirculant2311 = IsCirculant2311(parameters.M4);
    }

    // Copies of the parameters read on the hot path (an array, not an interface indexer).
    private readonly Goldilocks[] _diagonal;

    // M4 = circ(2, 3, 1, 1) (the Plonky3 instance) is applied with additions only.
    private readonly bool _m4IsCirculant2311;

    /// <summary>The shipped width-8 instance.</summary>
    public static Poseidon2 Goldilocks8 { get; } = new(Poseidon2Parameters.Goldilocks8);

    /// <summary>The instance parameters.</summary>
    public Poseidon2Parameters Parameters { get; }

    /// <summary>Permutes the state in place.</summary>
    /// <param name="state">Exactly <see cref="Poseidon2Parameters.Width"/> elements.</param>
    /// <exception cref="ArgumentException">Wrong state length.</exception>
    public void Permute(Span<Goldilocks> state)
    {
        if (state.Length != Parameters.Width)
        {
            ThrowHelper.ThrowArgument("The state length must equal the width.", nameof(state));
        }

        ExternalLayer(state);
        foreach (Goldilocks[] constants in Parameters.ExternalInitial)
        {
            FullRound(state, constants);
        }

        foreach (Goldilocks c in Parameters.InternalConstants)
        {
            state[0] = Sbox(state[0] + c);
            InternalLayer(state);
        }

        foreach (Goldilocks[] constants in Parameters.ExternalFinal)
        {
            FullRound(state, constants);
        }
    }

    /// <summary>Compression c(x, y): the first half of Perm(x ‖ y) (width/2 lanes each).</summary>
    /// <param name="left">width/2 elements.</param>
    /// <param name="right">width/2 elements.</param>
    /// <param name="destination">width/2 elements.</param>
    /// <exception cref="ArgumentException">Wrong lengths.</exception>
    public void Compress(ReadOnlySpan<Goldilocks> left, ReadOnlySpan<Goldilocks> right, Span<Goldilocks> destination)
    {
        int half = Parameters.Width / 2;
        if (left.Length != half || right.Length != half || destination.Length < half)
        {
            ThrowHelper.ThrowArgument("Inputs must be width/2 elements.", nameof(left));
        }

        Span<Goldilocks> state = stackalloc Goldilocks[Parameters.Width];
        left.CopyTo(state);
        right.CopyTo(state[half..]);
        Permute(state);
        state[..half].CopyTo(destination);
    }

    /// <summary>x^7.</summary>
    /// <typeparam name="T">Field type.</typeparam>
    /// <param name="x">Input.</param>
    /// <returns>x^7.</returns>
    public static T Sbox<T>(T x)
        where T : unmanaged, IStarkField<T>
    {
        T x2 = x * x;
        T x3 = x2 * x;
        T x6 = x3 * x3;
        return x6 * x;
    }

    /// <summary>The external linear layer M_E, in place.</summary>
    /// <typeparam name="T">Field type.</typeparam>
    /// <param name="state">The state.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ExternalLayer<T>(Span<T> state)
        where T : unmanaged, IStarkField<T>
    {
        Goldilocks[,] m4 = Parameters.M4;
        int width = state.Length;
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        for (int b = 0; b < width; b += 4)
        {
            T x0 = state[b], x1 = state[b + 1], x2 = state[b + 2], x3 = state[b + 3];
            T y0, y1, y2, y3;
            if (_m4IsCirculant2311)
            {
                // Rows (2,3,1,1), (1,2,3,1), (1,1,2,3), (3,1,1,2) from shared partial sums: eight additions and two doublings.
                T t01 = x0 + x1, t23 = x2 + x3;
                T t0123 = t01 + t23;
                T t01123 = t0123 + x1, t01233 = t0123 + x3;
                y0 = t01123 + t01;
                y1 = t01123 + x2 + x2;
                y2 = t01233 + t23;
                y3 = t01233 + x0 + x0;
            }
            else
            {
                y0 = Row(m4, 0, x0, x1, x2, x3);
                y1 = Row(m4, 1, x0, x1, x2, x3);
                y2 = Row(m4, 2, x0, x1, x2, x3);
                y3 = Row(m4, 3, x0, x1, x2, x3);
            }

            (state[b], state[b + 1], state[b + 2], state[b + 3]) = (y0, y1, y2, y3);
            s0 += y0;
            s1 += y1;
            s2 += y2;
            s3 += y3;
        }

        for (int b = 0; b < width; b += 4)
        {
            state[b] += s0;
            state[b + 1] += s1;
            state[b + 2] += s2;
            state[b + 3] += s3;
        }
    }

    private static T Row<T>(Goldilocks[,] m4, int r, T x0, T x1, T x2, T x3)
        where T : unmanaged, IStarkField<T> =>
        (T.FromBase(m4[r, 0]) * x0) + (T.FromBase(m4[r, 1]) * x1) + (T.FromBase(m4[r, 2]) * x2) + (T.FromBase(m4[r, 3]) * x3);

    /// <summary>The internal linear layer M_I = 𝟙𝟙ᵀ + diag(d), in place.</summary>
    /// <typeparam name="T">Field type.</typeparam>
    /// <param name="state">The state.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void InternalLayer<T>(Span<T> state)
        where T : unmanaged, IStarkField<T>
    {
        T sum = T.Zero;
        foreach (T v in state)
        {
            sum += v;
        }

        for (int i = 0; i < state.Length; i++)
        {
            state[i] = (T.FromBase(_diagonal[i]) * state[i]) + sum;
        }
    }

    /// <summary>One full round in place: add constants, x^7 on every lane, then M_E.</summary>
    /// <typeparam name="T">Field type.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="constants">One constant per lane.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FullRound<T>(Span<T> state, ReadOnlySpan<Goldilocks> constants)
        where T : unmanaged, IStarkField<T>
    {
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = Sbox(state[i] + T.FromBase(constants[i]));
        }

        ExternalLayer(state);
    }

    private void FullRound(Span<Goldilocks> state, Goldilocks[] constants)
    {
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = Sbox(state[i] + constants[i]);
        }

        ExternalLayer(state);
    }

    private static bool IsCirculant2311(Goldilocks[,] m4)
    {
        ReadOnlySpan<ulong> first = [2, 3, 1, 1];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                if (m4[r, c].Value != first[(c - r + 4) % 4])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
