// SPDX-License-Identifier: Apache-2.0

using System.Text.Unicode;
using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>
/// Reads a stream line by line as raw bytes, with line numbers, rejecting invalid UTF-8. Memory is bounded by the
/// longest line, whatever the file size.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int MaxLineBytes = 16 * 1024 * 1024;
    private readonly Stream _stream;
    private readonly string _file;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private readonly Func<ReadOnlySpan<byte>, long, string?>? _locate;
    private bool _eof;

    /// <param name="stream">The input.</param>
    /// <param name="file">The file, for errors.</param>
    /// <param name="locate">Given a line that is not valid UTF-8 and its number, names the field at fault (or null).</param>
    public Utf8LineReader(Stream stream, string file, Func<ReadOnlySpan<byte>, long, string?>? locate = null)
    {
        _stream = stream;
        _file = file;
        _locate = locate;
    }

    /// <summary>The number of the line last returned (1-based).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line without its terminator ("\n" or "\r\n"); the span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Take(_end - _start, _end - _start);
                return true;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        var line = _buffer.AsSpan(_start, length);
        _start += consumed;
        LineNumber++;
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        if (!Utf8.IsValid(line))
        {
            throw new InputException(_file, LineNumber, _locate?.Invoke(line, LineNumber) ?? "", "invalid UTF-8");
        }

        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
            {
                throw new InputException(_file, LineNumber + 1, "", $"line longer than {MaxLineBytes} bytes");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
