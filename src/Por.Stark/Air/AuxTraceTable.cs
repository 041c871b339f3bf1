// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Memory;

namespace Por.Stark.Air;

/// <summary>A column-major table of extension-field auxiliary trace values, built after the verifier's randomness.</summary>
public sealed class AuxTraceTable
{
    private readonly GoldilocksExt3[][] _columns;

    /// <summary>Creates a zeroed table.</summary>
    /// <param name="width">Number of extension columns.</param>
    /// <param name="rows">Number of rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public AuxTraceTable(int width, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        _columns = new GoldilocksExt3[width][];
        for (int c = 0; c < width; c++)
        {
            _columns[c] = LargeArrays.Rent<GoldilocksExt3>(rows);
            Array.Clear(_columns[c]);
        }

        Rows = rows;
    }

    /// <summary>Number of columns.</summary>
    public int Width => _columns.Length;

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Gets or sets one cell.</summary>
    /// <param name="column">Column index.</param>
    /// <param name="row">Row index.</param>
    public GoldilocksExt3 this[int column, int row]
    {
        get => _columns[column][row];
        set => _columns[column][row] = value;
    }

    /// <summary>One column as a span.</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The column's values.</returns>
    public Span<GoldilocksExt3> GetColumn(int column) => _columns[column];

    /// <summary>Copies one row into a buffer.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="destination">At least <see cref="Width"/> elements.</param>
    public void ReadRow(int row, Span<GoldilocksExt3> destination)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            destination[c] = _columns[c][row];
        }
    }

    /// <summary>Gives the columns to the prover's array pool (the prover does, once it has copied them); unusable afterwards.</summary>
    internal void Release()
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            LargeArrays.Return(_columns[c]);
            _columns[c] = [];
        }
    }
}
