// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Field;

namespace Por.Stark.Hashing;

/// <summary>
/// The AIR gadget for one Poseidon2 permutation per trace row, shared by every AIR that hashes with Poseidon2. Column
/// layout: the input state (width columns), the state after each initial full round (width each), the S-box output of
/// each partial round (one each), the state after each final full round (width each). Constraints have degree 7 (the
/// S-box, no intermediate register); the last full round's columns are the permutation's output.
/// </summary>
public static class Poseidon2Row
{
    /// <summary>The number of columns of one permutation row.</summary>
    /// <param name="parameters">The instance.</param>
    /// <returns>width + (full rounds · width) + partial rounds.</returns>
    public static int ColumnCount(Poseidon2Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Width + ((parameters.InitialFullRounds + parameters.FinalFullRounds) * parameters.Width) + parameters.PartialRounds;
    }

    /// <summary>The number of transition constraints <see cref="Evaluate"/> writes (every column but the input).</summary>
    /// <param name="parameters">The instance.</param>
    /// <returns>The count.</returns>
    public static int ConstraintCount(Poseidon2Parameters parameters) => ColumnCount(parameters) - parameters.Width;

    /// <summary>Computes the permutation of <paramref name="input"/> and writes every column of its row.</summary>
    /// <param name="permutation">The permutation.</param>
    /// <param name="input">The input state.</param>
    /// <param name="columns">Receives <see cref="ColumnCount"/> values.</param>
    /// <param name="output">Receives the output state (width values).</param>
    public static void Write(Poseidon2 permutation, ReadOnlySpan<Goldilocks> input, Span<Goldilocks> columns, Span<Goldilocks> output)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        Poseidon2Parameters p = permutation.Parameters;
        int w = p.Width;
        Span<Goldilocks> state = output[..w];
        input[..w].CopyTo(state);
        state.CopyTo(columns);
        int col = w;
        permutation.ExternalLayer(state);
        foreach (Goldilocks[] constants in p.ExternalInitial)
        {
            permutation.FullRound(state, constants);
            state.CopyTo(columns[col..]);
            col += w;
        }

        foreach (Goldilocks c in p.InternalConstants)
        {
            state[0] = Poseidon2.Sbox(state[0] + c);
            columns[col++] = state[0];
            permutation.InternalLayer(state);
        }

        foreach (Goldilocks[] constants in p.ExternalFinal)
        {
            permutation.FullRound(state, constants);
            state.CopyTo(columns[col..]);
            col += w;
        }
    }

    /// <summary>
    /// Writes the row's constraint residues (zero on an honest row): each round's columns must equal the round applied
    /// to the previous committed state.
    /// </summary>
    /// <typeparam name="T">Field type.</typeparam>
    /// <param name="permutation">The permutation.</param>
    /// <param name="columns">The row's <see cref="ColumnCount"/> columns.</param>
    /// <param name="result">Receives <see cref="ConstraintCount"/> residues.</param>
    /// <param name="output">Receives the committed output state (width values).</param>
    /// <returns>The number of residues written.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Evaluate<T>(Poseidon2 permutation, ReadOnlySpan<T> columns, Span<T> result, Span<T> output)
        where T : unmanaged, IStarkField<T>
    {
        ArgumentNullException.ThrowIfNull(permutation);
        Poseidon2Parameters p = permutation.Parameters;
        int w = p.Width;
        Span<T> state = output[..w];
        columns[..w].CopyTo(state);
        permutation.ExternalLayer(state);
        int col = w;
        int k = 0;
        foreach (Goldilocks[] constants in p.ExternalInitial)
        {
            permutation.FullRound(state, constants);
            for (int i = 0; i < w; i++)
            {
                result[k++] = columns[col] - state[i];
                state[i] = columns[col++];
            }
        }

        foreach (Goldilocks c in p.InternalConstants)
        {
            T sbox = Poseidon2.Sbox(state[0] + T.FromBase(c));
            result[k++] = columns[col] - sbox;
            state[0] = columns[col++];
            permutation.InternalLayer(state);
        }

        foreach (Goldilocks[] constants in p.ExternalFinal)
        {
            permutation.FullRound(state, constants);
            for (int i = 0; i < w; i++)
            {
                result[k++] = columns[col] - state[i];
                state[i] = columns[col++];
            }
        }

        return k;
    }
}
