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
            // A reused column, or a new one advised for huge pages before the zeroing touches it (a production trace
            // is ≈ 1 GiB).
            _columns[c] = LargeArrays.Rent<Goldilocks>(rows);
            Array.Clear(_columns[c]);
        }

        Rows = rows;
    }

    /// <summary>
    /// Gives the columns to the prover's array pool for reuse (see <see cref="Memory.ProverMemory.Retain"/>); the table
    /// must not be used afterwards. Optional: a table that is simply dropped is collected as usual.
    /// </summary>
    public void Release()
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            LargeArrays.Return(_columns[c]);
            _columns[c] = [];
        }
    }

    /// <summary>
    /// Drops the columns for the garbage collector (not for reuse): what a prover told to consume the trace does once it
    /// no longer needs it, so the trace's memory is not held through the rest of the proof. Unusable afterwards.
    /// </summary>
    internal void Discard()
    {
        for (int c = 0; c < _columns.Length; c++)
        {
            _columns[c] = [];
        }
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
