// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Cli.Infrastructure;

/// <summary>A writer to the terminal that first ends the live progress line (the stage stays as a permanent line), so
/// that results and errors never share a line with it (live mode only).</summary>
internal sealed class ProgressAwareWriter(TextWriter inner, ProgressRenderer renderer) : TextWriter(inner.FormatProvider)
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        renderer.EndLine();
        inner.Write(value);
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        renderer.EndLine();
        inner.Write(value);
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count)
    {
        renderer.EndLine();
        inner.Write(buffer, index, count);
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        renderer.EndLine();
        inner.WriteLine(value);
    }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();
}
