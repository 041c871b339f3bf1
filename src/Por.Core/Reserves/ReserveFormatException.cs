// SPDX-License-Identifier: Apache-2.0

namespace Por.Core.Reserves;

/// <summary>Invalid reserve declaration or node configuration input, naming file, line and field.</summary>
public sealed class ReserveFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReserveFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ReserveFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ReserveFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming where the problem is.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">1-based line, or 0 when unknown.</param>
    /// <param name="field">The field.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static ReserveFormatException At(string file, int line, string field, string problem) =>
        new($"{file}:{(line > 0 ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}: field '{field}': {problem}");
}
