// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Proving;

/// <summary>What a verifier accepts beyond mathematical validity.</summary>
public sealed record VerifierPolicy
{
    /// <summary>The default policy: at least 100 proven bits, test-mode proofs refused.</summary>
    public static VerifierPolicy Default { get; } = new();

    /// <summary>The minimum proven security (bits) of the pinned options at the AIR's trace length.</summary>
    public int MinimumProvenBits { get; init; } = 100;

    /// <summary>Whether deterministic test-mode proofs (no zero knowledge) are accepted.</summary>
    public bool AllowTestMode { get; init; }
}
