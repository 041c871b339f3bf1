// SPDX-License-Identifier: Apache-2.0

namespace Por.Architecture.Tests;

/// <summary>A directed graph of named nodes with a cycle finder (depth-first, three colours).</summary>
internal sealed class DependencyGraph
{
    private readonly SortedDictionary<string, SortedSet<string>> _edges = new(StringComparer.Ordinal);

    public void AddNode(string node)
    {
        if (!_edges.ContainsKey(node))
        {
            _edges[node] = new SortedSet<string>(StringComparer.Ordinal);
        }
    }

    public void AddEdge(string from, string to)
    {
        AddNode(from);
        AddNode(to);
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            _edges[from].Add(to);
        }
    }

    public IEnumerable<string> Nodes() => _edges.Keys;

    public IReadOnlySet<string> Targets(string node) => _edges.TryGetValue(node, out var targets) ? targets : new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>One cycle as a path that starts and ends at the same node, or null when the graph is acyclic.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var node in _edges.Keys)
        {
            if (Visit(node, state, stack) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private List<string>? Visit(string node, Dictionary<string, int> state, List<string> stack)
    {
        if (state.TryGetValue(node, out var s))
        {
            if (s == 1)
            {
                var start = stack.IndexOf(node);
                return [.. stack.Skip(start), node];
            }

            return null;
        }

        state[node] = 1;
        stack.Add(node);
        foreach (var next in _edges[node])
        {
            if (Visit(next, state, stack) is { } cycle)
            {
                return cycle;
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
        return null;
    }
}
