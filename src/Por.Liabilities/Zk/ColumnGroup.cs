// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>A named run of adjacent trace columns.</summary>
/// <param name="Name">The group's name (the member that holds its offset).</param>
/// <param name="Offset">Its first column.</param>
/// <param name="Width">Its number of columns.</param>
internal readonly record struct ColumnGroup(string Name, int Offset, int Width)
{
    /// <summary>The first column after the group.</summary>
    public int End => Offset + Width;
}
