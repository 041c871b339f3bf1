// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>A write-only stream that compares what is written with an existing file and remembers the first difference.</summary>
internal sealed class ComparingStream(Stream expected) : Stream
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _position;

    /// <summary>The offset of the first differing byte, or -1.</summary>
    public long FirstDifference { get; private set; } = -1;

    /// <summary>Whether the expected file has bytes beyond what was written.</summary>
    public bool ExpectedIsLonger => expected.Length > _position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _position;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _buffer.Length);
            var read = expected.ReadAtLeast(_buffer.AsSpan(0, n), n, throwOnEndOfStream: false);
            if (FirstDifference < 0)
            {
                var common = Math.Min(read, n);
                var mismatch = buffer[..common].CommonPrefixLength(_buffer.AsSpan(0, common));
                if (mismatch < common || read < n)
                {
                    FirstDifference = _position + mismatch;
                }
            }

            _position += n;
            buffer = buffer[n..];
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
