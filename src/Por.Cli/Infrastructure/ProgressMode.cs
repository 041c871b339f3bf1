// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>How progress is shown on stderr (docs/cli.md, "Progress and logs").</summary>
internal enum ProgressMode
{
    /// <summary>Nothing on stderr (JSON logs go there instead).</summary>
    Silent,

    /// <summary>Plain lines, throttled per stage; every stage's first and last update is printed.</summary>
    Plain,

    /// <summary>One status line redrawn in place on a terminal; finished stages stay as permanent lines.</summary>
    Live,
}
