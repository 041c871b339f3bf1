// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reserves;

/// <summary>Verifier policy switches.</summary>
public sealed record ReserveVerifierOptions
{
    /// <summary>Accept rows whose message is not this round's challenge (e.g. OKX's "I am an OKX address"); such rows
    /// are reported as replayable. Off by default: they fail.</summary>
    public bool AllowStaticMessage { get; init; }

    /// <summary>When set, the declaration's round id must equal this value.</summary>
    public string? ExpectedRound { get; init; }

    /// <summary>Receives progress (docs/cli.md, "Progress and logs"): "checking ownership" and "reading balances" per row,
    /// "observing windows" per chain, and "node reads" per call to a node (its detail names the chain and the call, never
    /// an address); null for none.</summary>
    public IProgress<WorkProgress>? Progress { get; init; }
}
