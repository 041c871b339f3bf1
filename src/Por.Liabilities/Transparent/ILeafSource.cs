// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>Hands out the tree's real leaves in order, a block at a time.</summary>
internal interface ILeafSource
{
    /// <summary>Fills <paramref name="block"/> with leaves <paramref name="firstLeaf"/> .. +<paramref name="count"/>; calls come in increasing order.</summary>
    void Fill(LeafBlock block, long firstLeaf, int count);
}
