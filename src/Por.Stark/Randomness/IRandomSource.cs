// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Randomness;

/// <summary>The prover's source of zero-knowledge randomness (masks, random rows, salts).</summary>
public interface IRandomSource
{
    /// <summary>Whether this source is deterministic (test mode only; marked in the proof and refused by default).</summary>
    bool IsDeterministic { get; }

    /// <summary>Fills the buffer with random bytes.</summary>
    /// <param name="destination">The buffer.</param>
    void Fill(Span<byte> destination);
}
