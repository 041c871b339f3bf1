// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>Why a command stopped without a result: the <c>failure_code</c> of a <c>--json</c> error document
/// (snake case, <see cref="FailureCodes.Of"/>), one member per row of the exit-code table in docs/cli.md.</summary>
internal enum CliError
{
    /// <summary>Exit 2: the command line is wrong (unknown command or option, missing required option, stray argument).</summary>
    Usage,

    /// <summary>Exit 2: a malformed input (the error names file, line and field) or an unknown account.</summary>
    InvalidInput,

    /// <summary>Exit 1: a check failed while reading an input that is well formed.</summary>
    VerificationFailed,

    /// <summary>Exit 3: an input file or directory does not exist.</summary>
    FileNotFound,

    /// <summary>Exit 3: the output exists and <c>--force</c> was not given.</summary>
    OutputExists,

    /// <summary>Exit 3: libsecp256k1 or libsodium cannot be loaded.</summary>
    NativeLibraryUnavailable,

    /// <summary>Exit 3: a node or other network endpoint cannot be reached.</summary>
    NodeUnreachable,

    /// <summary>Exit 3: any other I/O or permission failure.</summary>
    EnvironmentError,

    /// <summary>Exit 70: a bug in por.</summary>
    InternalError,
}
