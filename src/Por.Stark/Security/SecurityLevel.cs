// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Security;

/// <summary>Security estimates in bits for one option set and trace length.</summary>
/// <param name="ConjecturedBits">The older ethSTARK-conjecture figure (for comparison only).</param>
/// <param name="UniqueDecodingBits">Proven bits in the unique-decoding regime.</param>
/// <param name="JohnsonBoundBits">Proven bits in the list-decoding (Johnson bound) regime.</param>
public sealed record SecurityLevel(int ConjecturedBits, int UniqueDecodingBits, int JohnsonBoundBits)
{
    /// <summary>The proven figure: the better of the two proven regimes.</summary>
    public int ProvenBits => Math.Max(UniqueDecodingBits, JohnsonBoundBits);
}
