// SPDX-License-Identifier: Apache-2.0

using Por.Cli;

namespace Por.IntegrationTests;

/// <summary>Runs por in process, as the command-line tests do, capturing what it prints.</summary>
internal static class PorCli
{
    /// <summary>Runs <c>por ARGS</c>.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
