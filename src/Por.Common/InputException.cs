// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Bad input: names the file, the 1-based line (0 when the whole file is at fault) and the field, and says why.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file at fault.</param>
    /// <param name="line">The 1-based line, or 0 for the whole file.</param>
    /// <param name="field">The field at fault, or an empty string.</param>
    /// <param name="reason">Why the input is rejected.</param>
    public InputException(string file, long line, string field, string reason)
        : base(Format(file, line, field, reason))
    {
        File = file;
        Line = line;
        Field = field;
        Reason = reason;
    }

    /// <summary>Creates an exception without location (prefer the located form).</summary>
    public InputException() : this("", 0, "", "invalid input")
    {
    }

    /// <summary>Creates an exception without location (prefer the located form).</summary>
    /// <param name="message">The reason.</param>
    public InputException(string message) : this("", 0, "", message)
    {
    }

    /// <summary>Creates an exception without location (prefer the located form).</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The cause.</param>
    public InputException(string message, Exception innerException) : base(message, innerException)
    {
        File = "";
        Field = "";
        Reason = message;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the whole file is at fault.</summary>
    public long Line { get; }

    /// <summary>The field at fault (column name or JSON property), or empty.</summary>
    public string Field { get; }

    /// <summary>Why the input is rejected.</summary>
    public string Reason { get; }

    private static string Format(string file, long line, string field, string reason)
    {
        var location = line > 0 ? $"{file}:{line}" : file;
        return field.Length > 0 ? $"{location}: field '{field}': {reason}" : $"{location}: {reason}";
    }
}
