// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>Verifier policy switches.</summary>
public sealed record ReserveVerifierOptions
{
    /// <summary>Accept rows whose message is not this round's challenge (e.g. OKX's "I am an OKX address"); such rows
    /// are reported as replayable. Off by default: they fail.</summary>
    public bool AllowStaticMessage { get; init; }

    /// <summary>When set, the declaration's round id must equal this value.</summary>
    public string? ExpectedRound { get; init; }
}
