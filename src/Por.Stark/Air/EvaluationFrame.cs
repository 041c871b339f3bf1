// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Air;

/// <summary>Two consecutive rows of a trace segment: the current row and the next one.</summary>
/// <typeparam name="T">The element type.</typeparam>
public readonly ref struct EvaluationFrame<T>
{
    /// <summary>Creates a frame.</summary>
    /// <param name="current">The current row.</param>
    /// <param name="next">The next row.</param>
    public EvaluationFrame(ReadOnlySpan<T> current, ReadOnlySpan<T> next)
    {
        Current = current;
        Next = next;
    }

    /// <summary>The current row.</summary>
    public ReadOnlySpan<T> Current { get; }

    /// <summary>The next row.</summary>
    public ReadOnlySpan<T> Next { get; }
}
