// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;

namespace Por.Stark.Tests;

/// <summary>Reduced but pinned options for fast unit tests, and a relaxed policy that accepts them.</summary>
internal static class TestOptions
{
    /// <summary>8 queries, blowup 8, 4 grinding bits, folding 4, remainder degree ≤ 3 (h = 22).</summary>
    public static StarkOptions Small { get; } = new(8, 8, 4, 4, 3);

    /// <summary>Accepts the small options (far below 100 bits: unit tests only).</summary>
    public static VerifierPolicy Relaxed { get; } = new() { MinimumProvenBits = 0 };
}
