// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Commands;

/// <summary>The inputs of <c>por reserves verify</c>.</summary>
/// <param name="File">The declaration.</param>
/// <param name="Registry">The round's registry.</param>
/// <param name="Nodes">Node configuration or null.</param>
/// <param name="Json">JSON on standard output.</param>
/// <param name="AllowStaticMessage">Accept static messages (reported as replayable).</param>
/// <param name="Round">Expected round id or null.</param>
/// <param name="ResultFile">Where to write the result file, or null.</param>
/// <param name="SignKey">The verifier's secret key file to sign the result file with, or null.</param>
public sealed record ReservesVerifyRequest(FileInfo File, FileInfo Registry, FileInfo? Nodes, bool Json, bool AllowStaticMessage, string? Round, FileInfo? ResultFile, FileInfo? SignKey)
{
    /// <summary>Replace an existing result file (and its signature); without it an existing one is refused (exit 3).</summary>
    public bool Force { get; init; }
}
