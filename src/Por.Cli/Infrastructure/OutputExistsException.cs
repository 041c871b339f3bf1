// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>An output file or directory exists and the command was not given <c>--force</c> (exit 3).</summary>
internal sealed class OutputExistsException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>, named by <paramref name="option"/>.</summary>
    public OutputExistsException(string path, string option)
        : base($"{path} already exists ({option}); pass --force to replace it")
    {
        Path = path;
    }

    /// <summary>The existing output.</summary>
    public string Path { get; }
}
