// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>What the monitor's slots count: blocks of the canonical chain or seconds of UTC time.</summary>
public enum ScheduleKind
{
    /// <summary>Every N finalized blocks of the token's canonical chain.</summary>
    Blocks,

    /// <summary>Every N seconds of UTC time (aligned to the Unix epoch).</summary>
    Seconds,
}
