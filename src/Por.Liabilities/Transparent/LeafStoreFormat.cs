// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>
/// Layout constants of <c>store/leaves.bin</c>: a header, every account leaf in tree order as commitment ‖ sparse
/// balances, a table of u64 offsets (one per 64-leaf block), and a footer (docs/formats.md §4).
/// </summary>
internal static class LeafStoreFormat
{
    public const int BlockLevel = NodeStoreFormat.FirstStoredLevel;
    public const int BlockSize = 1 << BlockLevel;
    public const int HeaderSize = 8 + 8 + 2;
    public const int FooterSize = 16;
    public static ReadOnlySpan<byte> Magic => "PORLEAF\u0001"u8;

    public static long BlockCount(long leafCount) => (leafCount + BlockSize - 1) / BlockSize;
}
