// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Progress of a long step, reported by library code through <see cref="IProgress{T}"/> and rendered by the CLI
/// (docs/cli.md): a stage, how many of its units are done, and optionally what is happening inside the current unit.
/// </summary>
/// <param name="Stage">What is being done ("proving batches", "verifying reserve rows"). A new stage text starts a new stage.</param>
/// <param name="Done">Units of the stage done.</param>
/// <param name="Total">Units of the stage in all, or 0 when unknown.</param>
/// <param name="Detail">The phase inside the current unit ("batch 3: committing the trace"), or null.</param>
public readonly record struct WorkProgress(string Stage, long Done, long Total, string? Detail = null);
