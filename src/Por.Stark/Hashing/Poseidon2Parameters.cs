// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Hashing;

/// <summary>
/// The data defining one Poseidon2 instance over Goldilocks with S-box x^7: width (a multiple of 4), the 4×4 block
/// M4 of the external layer M_E = circ(2·M4, M4, …), the internal diagonal d with M_I = 𝟙𝟙ᵀ + diag(d), and the
/// round constants (initial full rounds, partial rounds, final full rounds).
/// </summary>
public sealed class Poseidon2Parameters
{
    /// <summary>Creates and validates an instance.</summary>
    /// <param name="id">A stable identifier (absorbed into statements that use it).</param>
    /// <param name="m4">The 4×4 block matrix.</param>
    /// <param name="internalDiagonal">d, one entry per lane.</param>
    /// <param name="externalInitial">Constants of the initial full rounds, each one per lane.</param>
    /// <param name="internalConstants">Constants of the partial rounds (lane 0).</param>
    /// <param name="externalFinal">Constants of the final full rounds, each one per lane.</param>
    /// <exception cref="ArgumentException">Inconsistent dimensions.</exception>
    public Poseidon2Parameters(string id, int[,] m4, Goldilocks[] internalDiagonal, Goldilocks[][] externalInitial, Goldilocks[] internalConstants, Goldilocks[][] externalFinal)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(m4);
        ArgumentNullException.ThrowIfNull(internalDiagonal);
        ArgumentNullException.ThrowIfNull(externalInitial);
        ArgumentNullException.ThrowIfNull(internalConstants);
        ArgumentNullException.ThrowIfNull(externalFinal);
        int width = internalDiagonal.Length;
        if (width < 4 || width % 4 != 0 || m4.GetLength(0) != 4 || m4.GetLength(1) != 4
            || externalInitial.Any(r => r.Length != width) || externalFinal.Any(r => r.Length != width))
        {
            throw new ArgumentException("Inconsistent Poseidon2 dimensions.", nameof(internalDiagonal));
        }

        Id = id;
        Width = width;
        M4 = new Goldilocks[4, 4];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                M4[r, c] = new Goldilocks((ulong)m4[r, c]);
            }
        }

        InternalDiagonal = (Goldilocks[])internalDiagonal.Clone();
        ExternalInitial = externalInitial.Select(r => (Goldilocks[])r.Clone()).ToArray();
        InternalConstants = (Goldilocks[])internalConstants.Clone();
        ExternalFinal = externalFinal.Select(r => (Goldilocks[])r.Clone()).ToArray();
    }

    /// <summary>The instance identifier.</summary>
    public string Id { get; }

    /// <summary>The state width.</summary>
    public int Width { get; }

    /// <summary>Number of initial full rounds.</summary>
    public int InitialFullRounds => ExternalInitial.Count;

    /// <summary>Number of partial rounds.</summary>
    public int PartialRounds => InternalConstants.Count;

    /// <summary>Number of final full rounds.</summary>
    public int FinalFullRounds => ExternalFinal.Count;

    internal Goldilocks[,] M4 { get; }

    /// <summary>The internal diagonal d.</summary>
    public IReadOnlyList<Goldilocks> InternalDiagonal { get; }

    /// <summary>Initial full-round constants.</summary>
    public IReadOnlyList<Goldilocks[]> ExternalInitial { get; }

    /// <summary>Partial-round constants.</summary>
    public IReadOnlyList<Goldilocks> InternalConstants { get; }

    /// <summary>Final full-round constants.</summary>
    public IReadOnlyList<Goldilocks[]> ExternalFinal { get; }

    /// <summary>The shipped instance: Plonky3's default Poseidon2-Goldilocks of width 8 (RF 8, RP 22).</summary>
    public static Poseidon2Parameters Goldilocks8 { get; } = new(
        "plonky3-default-goldilocks-w8",
        Poseidon2Goldilocks8Constants.M4,
        Convert(Poseidon2Goldilocks8Constants.InternalDiagonal),
        Poseidon2Goldilocks8Constants.ExternalInitial.Select(Convert).ToArray(),
        Convert(Poseidon2Goldilocks8Constants.Internal),
        Poseidon2Goldilocks8Constants.ExternalFinal.Select(Convert).ToArray());

    private static Goldilocks[] Convert(ulong[] values) => values.Select(Goldilocks.FromCanonical).ToArray();
}
