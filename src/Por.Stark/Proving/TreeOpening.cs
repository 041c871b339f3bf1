// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Proving;

/// <summary>
/// A batched opening of several leaves of one salted Merkle tree: for each opened leaf (ascending index) its values
/// (canonical base elements) and salt, plus the shared sibling digests.
/// </summary>
public sealed class TreeOpening
{
    /// <summary>Creates an opening.</summary>
    /// <param name="values">Per leaf, its base-field values encoded as raw canonical integers.</param>
    /// <param name="salts">Per leaf, 16 salt bytes.</param>
    /// <param name="siblings">Concatenated 32-byte sibling digests.</param>
    public TreeOpening(ulong[][] values, byte[][] salts, byte[] siblings)
    {
        Values = values;
        Salts = salts;
        Siblings = siblings;
    }

    /// <summary>Per leaf, its values.</summary>
    public IReadOnlyList<ulong[]> Values { get; }

    /// <summary>Per leaf, its salt.</summary>
    public IReadOnlyList<byte[]> Salts { get; }

    /// <summary>The sibling digests.</summary>
    public ReadOnlyMemory<byte> Siblings { get; }
}
