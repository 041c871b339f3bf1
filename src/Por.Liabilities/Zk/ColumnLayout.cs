// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>
/// An immutable column layout built in declaration order: each added group starts where the previous one ends, so
/// offsets are never typed by hand and resizing or inserting a group shifts everything after it.
/// </summary>
internal sealed class ColumnLayout
{
    private readonly ColumnGroup[] _groups;

    /// <summary>Creates an empty layout.</summary>
    public ColumnLayout()
        : this([])
    {
    }

    private ColumnLayout(ColumnGroup[] groups) => _groups = groups;

    /// <summary>The groups, in column order.</summary>
    public IReadOnlyList<ColumnGroup> Groups => _groups;

    /// <summary>The total number of columns.</summary>
    public int Width => _groups.Length == 0 ? 0 : _groups[^1].End;

    /// <summary>The group called <paramref name="name"/>.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The group.</returns>
    /// <exception cref="KeyNotFoundException">No group has that name.</exception>
    public ColumnGroup this[string name]
    {
        get
        {
            foreach (ColumnGroup group in _groups)
            {
                if (string.Equals(group.Name, name, StringComparison.Ordinal))
                {
                    return group;
                }
            }

            throw new KeyNotFoundException($"The layout has no column group '{name}'.");
        }
    }

    /// <summary>A layout with one more group after the current ones.</summary>
    /// <param name="name">The group's name (unique in the layout).</param>
    /// <param name="width">Its number of columns (0 is allowed: a shape-dependent group may be empty).</param>
    /// <returns>The extended layout.</returns>
    public ColumnLayout Add(string name, int width)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        if (_groups.Any(g => string.Equals(g.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The layout already has a column group '{name}'.", nameof(name));
        }

        return new ColumnLayout([.. _groups, new ColumnGroup(name, Width, width)]);
    }
}
