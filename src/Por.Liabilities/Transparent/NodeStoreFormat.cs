// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>
/// Layout constants of <c>store/nodes.bin</c>: the tree's nodes at levels ≥ <see cref="FirstStoredLevel"/>, level by
/// level, each a digest followed by its sparse sums; then a table of u64 record offsets; then a footer (docs/formats.md §4).
/// Nodes below that level are recomputed from 2^6 = 64 leaves when a customer's proof is exported.
/// </summary>
internal static class NodeStoreFormat
{
    public const int FirstStoredLevel = 6;
    public const int HeaderSize = 12;
    public const int FooterSize = 16;
    public static ReadOnlySpan<byte> Magic => "PORNODE\u0001"u8;

    /// <summary>The number of stored records for a tree of <paramref name="depth"/>.</summary>
    public static long RecordCount(int depth)
    {
        long count = 0;
        for (var l = FirstStoredLevel; l <= depth; l++)
        {
            count += 1L << (depth - l);
        }

        return count;
    }

    /// <summary>The index in the offset table of node <paramref name="index"/> at <paramref name="level"/>.</summary>
    public static long RecordIndex(int depth, int level, long index)
    {
        long before = 0;
        for (var l = FirstStoredLevel; l < level; l++)
        {
            before += 1L << (depth - l);
        }

        return before + index;
    }
}
