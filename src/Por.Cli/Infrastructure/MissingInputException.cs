// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>An input named by an option does not exist (exit 3).</summary>
internal sealed class MissingInputException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The missing path.</param>
    /// <param name="option">The option that named it.</param>
    /// <param name="what">What was expected there ("file", "file or directory", …).</param>
    public MissingInputException(string path, string option, string what)
        : base($"{path}: no such {what} ({option})")
    {
        Path = path;
        Option = option;
    }

    /// <summary>The missing path.</summary>
    public string Path { get; }

    /// <summary>The option that named it.</summary>
    public string Option { get; }
}
