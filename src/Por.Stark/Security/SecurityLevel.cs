// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Security;

/// <summary>
/// Proven security estimates in bits for one option set and trace length. There is deliberately no "conjectured"
/// figure: the up-to-capacity conjectures behind it were refuted in 2025 (eprint 2025/2010, 2025/2046).
/// </summary>
/// <param name="UniqueDecodingBits">Proven bits in the unique-decoding regime.</param>
/// <param name="JohnsonBoundBits">Proven bits in the list-decoding (Johnson bound) regime.</param>
public sealed record SecurityLevel(int UniqueDecodingBits, int JohnsonBoundBits)
{
    /// <summary>The proven figure: the better of the two proven regimes.</summary>
    public int ProvenBits => Math.Max(UniqueDecodingBits, JohnsonBoundBits);
}
