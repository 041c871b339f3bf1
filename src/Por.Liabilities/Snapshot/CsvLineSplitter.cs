// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Snapshot;

/// <summary>
/// Splits one CSV line (RFC 4180: comma-separated, fields optionally in double quotes with "" for a quote) into
/// unquoted field values. Values are copied into a scratch buffer owned by the splitter.
/// </summary>
internal sealed class CsvLineSplitter
{
    private byte[] _scratch = new byte[1024];
    private Range[] _fields = new Range[16];

    /// <summary>The number of fields of the last line split.</summary>
    public int Count { get; private set; }

    /// <summary>Field <paramref name="index"/> of the last line split.</summary>
    public ReadOnlySpan<byte> this[int index] => _scratch.AsSpan()[_fields[index]];

    /// <summary>Splits <paramref name="line"/>; returns an error text, or null on success.</summary>
    public string? Split(ReadOnlySpan<byte> line)
    {
        if (_scratch.Length < line.Length)
        {
            _scratch = new byte[Math.Max(line.Length, _scratch.Length * 2)];
        }

        Count = 0;
        var written = 0;
        var i = 0;
        while (true)
        {
            var start = written;
            if (i < line.Length && line[i] == (byte)'"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return "unterminated quoted field";
                    }

                    if (line[i] == (byte)'"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == (byte)'"')
                        {
                            _scratch[written++] = (byte)'"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    _scratch[written++] = line[i++];
                }

                if (i < line.Length && line[i] != (byte)',')
                {
                    return "characters after a closing quote";
                }
            }
            else
            {
                var rest = line[i..];
                var comma = rest.IndexOf((byte)',');
                var field = comma < 0 ? rest : rest[..comma];
                if (field.Contains((byte)'"'))
                {
                    return "quote inside an unquoted field";
                }

                field.CopyTo(_scratch.AsSpan(written));
                written += field.Length;
                i += field.Length;
            }

            if (Count == _fields.Length)
            {
                Array.Resize(ref _fields, _fields.Length * 2);
            }

            _fields[Count++] = new Range(start, written);
            if (i >= line.Length)
            {
                return null;
            }

            i++; // the comma
        }
    }
}
