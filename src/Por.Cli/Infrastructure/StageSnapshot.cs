// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>One progress update with what the renderer derived from its stage: time in the stage, rate and ETA.</summary>
/// <param name="Progress">The update as reported.</param>
/// <param name="Elapsed">Time since the stage's first update.</param>
/// <param name="Rate">Units per second within the stage, or null before any unit is done.</param>
/// <param name="Eta">Estimated time to the stage's end, or null when the total is unknown or no rate is known yet.</param>
internal readonly record struct StageSnapshot(WorkProgress Progress, TimeSpan Elapsed, double? Rate, TimeSpan? Eta)
{
    /// <summary>True when the stage has a total and reached it.</summary>
    public bool IsComplete => Progress.Total > 0 && Progress.Done >= Progress.Total;
}
