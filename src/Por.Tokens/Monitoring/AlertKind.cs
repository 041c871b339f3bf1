// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>What an alert is about (snake_case in JSON: <c>ratio_below_margin</c>, …; docs/token-por.md, "Monitor").</summary>
public enum AlertKind
{
    /// <summary>Condition: reserves &lt; supply × (1 + margin) (status below_margin or undercollateralized).</summary>
    RatioBelowMargin,

    /// <summary>Condition: a reserve source's or supply reading's evidence is stale.</summary>
    StaleEvidence,

    /// <summary>Condition: a reserve source raised its ripcord.</summary>
    Ripcord,

    /// <summary>Condition: a feed answered zero or a negative value.</summary>
    NonPositiveAnswer,

    /// <summary>Condition: any other evidence failure (node fault after retries, incomplete, mismatch, bad signature, conservation).</summary>
    EvidenceFailed,

    /// <summary>Event: a token deployment's <c>decimals()</c> or a feed's <c>decimals()</c> differs from the last evaluation's.</summary>
    DecimalsChanged,

    /// <summary>Event: a contract's <c>owner()</c> differs from the last evaluation's.</summary>
    OwnerChanged,

    /// <summary>Event: a mint above k × the window's percentile (or with no distribution to compare with).</summary>
    UnusualMint,

    /// <summary>Event: scheduled slots were not evaluated (the monitor was down or behind).</summary>
    MonitorGap,
}
