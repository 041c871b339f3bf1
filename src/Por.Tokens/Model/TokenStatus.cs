// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Model;

/// <summary>The outcome of one evaluation of a token (docs/token-por.md: statuses and exit codes).</summary>
public enum TokenStatus
{
    /// <summary>Every piece of evidence is usable and reserves ≥ supply × (1 + margin).</summary>
    Covered,

    /// <summary>Every piece of evidence is usable and supply ≤ reserves &lt; supply × (1 + margin).</summary>
    BelowMargin,

    /// <summary>Every piece of evidence is usable and reserves &lt; supply.</summary>
    Undercollateralized,

    /// <summary>Some evidence is stale, unclocked, incomplete or failed: no ratio is reported.</summary>
    EvidenceFailed,
}
