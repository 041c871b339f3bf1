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
        : this(width, rows, rows)
    {
    }

    /// <summary>
    /// Creates a zeroed table whose column arrays hold <paramref name="capacity"/> elements: with capacity n (the trace
    /// length) a prover that consumes the table reuses its arrays for its own n-element work arrays.
    /// </summary>
    /// <param name="width">Number of columns.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="capacity">Elements per column array, at least <paramref name="rows"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive, or the capacity is below the rows.</exception>
    public TraceTable(int width, int rows, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, rows);
        _columns = new Goldilocks[width][];
        for (int c = 0; c < width; c++)
        {
            // A reused column, or a new one advised for huge pages before the zeroing touches it (a production trace
            // is ≈ 1 GiB).
            _columns[c] = LargeArrays.Rent<Goldilocks>(capacity);
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

    /// <summary>Number of columns.</summary>
    public int Width => _columns.Length;

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Gets or sets one cell.</summary>
    /// <param name="column">Column index.</param>
    /// <param name="row">Row index.</param>
    public Goldilocks this[int column, int row]
    {
        get => _columns[column][CheckRow(row)];
        set => _columns[column][CheckRow(row)] = value;
    }

    /// <summary>One column as a span.</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The column's values.</returns>
    public Span<Goldilocks> GetColumn(int column) => _columns[column].AsSpan(0, _columns[column].Length == 0 ? 0 : Rows);

    /// <summary>Copies one row into a buffer.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="destination">At least <see cref="Width"/> elements.</param>
    public void ReadRow(int row, Span<Goldilocks> destination)
    {
        CheckRow(row);
        for (int c = 0; c < _columns.Length; c++)
        {
            destination[c] = _columns[c][row];
        }
    }

    private int CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        return row;
    }
}
