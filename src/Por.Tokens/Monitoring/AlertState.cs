// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>Whether an alert starts a condition, ends it, or reports a one-off event.</summary>
public enum AlertState
{
    /// <summary>A condition started (alerted once, not again while it lasts).</summary>
    Raised,

    /// <summary>The condition ended.</summary>
    Cleared,

    /// <summary>A one-off event (a change, an unusual mint, a gap).</summary>
    Event,
}
