// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Memory;

namespace Por.Stark.Air;

/// <summary>A column-major table of base-field trace values (the witness rows, without the random tail).</summary>
public sealed class TraceTable
{
    private readonly Goldilocks[][] _columns;

    /// <summary>Creates a zeroed table.</summary>
    /// <param name="width">Number of columns.</param>
    /// <param name="rows">Number of rows.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public TraceTable(int width, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        _columns = new Goldilocks[width][];
        for (int c = 0; c < width; c++)
        {
            // Advised for huge pages before the zeroing touches it (a production trace is ≈ 1 GiB).
            _columns[c] = LargeArrays.Allocate<Goldilocks>(rows);
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
    public Goldilocks this[int column, int row]
    {
        get => _columns[column][row];
        set => _columns[column][row] = value;
    }

    /// <summary>One column as a span.</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The column's values.</returns>
    public Span<Goldilocks> GetColumn(int column) => _columns[column];

    /// <summary>Copies one row into a buffer.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="destination">At least <see cref="Width"/> elements.</param>
    public void ReadRow(int row, Span<Goldilocks> destination)
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            destination[c] = _columns[c][row];
        }
    }
}
