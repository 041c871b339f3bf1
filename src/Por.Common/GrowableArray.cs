// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>An append-only array that doubles as it grows; exposes its backing span for bulk work.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class GrowableArray<T>
{
    private T[] _items;

    public GrowableArray(int initialCapacity = 1024) => _items = new T[Math.Max(16, initialCapacity)];

    public long Count { get; private set; }

    public Span<T> Span => _items.AsSpan(0, (int)Count);

    public ref T this[long index] => ref _items[index];

    public void Add(T item)
    {
        EnsureCapacity(Count + 1);
        _items[Count++] = item;
    }

    public void AddRange(ReadOnlySpan<T> items)
    {
        EnsureCapacity(Count + items.Length);
        items.CopyTo(_items.AsSpan((int)Count));
        Count += items.Length;
    }

    /// <summary>Appends <paramref name="count"/> default elements and returns them for filling.</summary>
    public Span<T> Extend(int count)
    {
        EnsureCapacity(Count + count);
        var span = _items.AsSpan((int)Count, count);
        Count += count;
        return span;
    }

    private void EnsureCapacity(long needed)
    {
        if (needed > _items.Length)
        {
            var next = Math.Max(needed, Math.Min((long)_items.Length * 2, Array.MaxLength));
            if (next > Array.MaxLength)
            {
                throw new InvalidOperationException("too many elements for one array");
            }

            Array.Resize(ref _items, (int)next);
        }
    }
}
