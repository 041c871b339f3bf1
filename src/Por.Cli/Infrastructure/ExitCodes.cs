// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>The process exit codes of every por command (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success; for verifying commands, everything verified.</summary>
    public const int Ok = 0;

    /// <summary>Verification ran and failed.</summary>
    public const int VerificationFailed = 1;

    /// <summary>Invalid input or usage: bad arguments, a malformed file (the message names file, line and field).</summary>
    public const int InvalidInput = 2;

    /// <summary>Environment error: I/O failure, output already exists, missing native library, unreachable node.</summary>
    public const int EnvironmentError = 3;

    /// <summary>Internal error: a bug in por (an unexpected exception), never caused by the input; like EX_SOFTWARE.</summary>
    public const int InternalError = 70;
}
