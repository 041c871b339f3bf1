// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Cli.Tests;

/// <summary>A terminal of a fixed width: <c>\r</c> returns to column 0, <c>\n</c> starts a new row, and a character
/// written past the last column wraps (which the tests count: the renderer must never cause it).</summary>
internal sealed class ProgressFakeTerminal(int width) : TextWriter
{
    private readonly List<StringBuilder> _rows = [new()];
    private int _column;

    public int Width { get; } = width;

    public int Wraps { get; private set; }

    /// <summary>Everything written, unprocessed.</summary>
    public StringBuilder Raw { get; } = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The screen's rows, trailing spaces removed.</summary>
    public IReadOnlyList<string> Rows => [.. _rows.Select(r => r.ToString().TrimEnd())];

    public override void Write(char value)
    {
        Raw.Append(value);
        switch (value)
        {
            case '\r':
                _column = 0;
                break;
            case '\n':
                _rows.Add(new StringBuilder());
                _column = 0;
                break;
            default:
                if (_column >= Width)
                {
                    Wraps++;
                    _rows.Add(new StringBuilder());
                    _column = 0;
                }

                var row = _rows[^1];
                if (_column < row.Length)
                {
                    row[_column] = value;
                }
                else
                {
                    row.Append(value);
                }

                _column++;
                break;
        }
    }
}
