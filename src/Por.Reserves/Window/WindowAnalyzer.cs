// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Reserves.Window;

/// <summary>
/// Reads the balances of a chain's verified rows at the window's sampled heights (one batch per height) and builds
/// each row's <see cref="WindowObservation"/>. A node failure fails the window of the rows it affects, never their
/// snapshot verdict; heights after the node's tip are not read and leave the window incomplete.
/// </summary>
public static class WindowAnalyzer
{
    /// <summary>Observes the window of every target on one chain.</summary>
    /// <param name="node">The chain's reader (already checked to serve the registry's chain).</param>
    /// <param name="chain">The registry chain; its <see cref="RegistryChain.Window"/> must be set.</param>
    /// <param name="targets">The verified rows of this chain with their snapshot balances.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One observation per target, by row index.</returns>
    public static async Task<IReadOnlyDictionary<int, WindowObservation>> ObserveAsync(IChainBalanceReader node, RegistryChain chain, IReadOnlyList<WindowTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(targets);
        var policy = chain.Window ?? throw new ArgumentException($"chain '{chain.Name}' has no window policy", nameof(chain));
        var height = chain.Snapshot.Height;
        var before = WindowSchedule.Before(height, policy);
        var after = WindowSchedule.After(height, policy);
        var samples = targets.ToDictionary(t => t.RowIndex, _ => new List<WindowSample>());
        var failures = new Dictionary<int, string>();
        var complete = false;
        if (!node.CanReadPastBlocks)
        {
            Fail(targets.Select(t => t.RowIndex), $"the node for '{chain.Name}' reads balances only at its head: the window around the snapshot cannot be read, stability not measured");
        }
        else
        {
            long tip = -1;
            try
            {
                tip = await node.ReadTipHeightAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NodeException ex)
            {
                Fail(targets.Select(t => t.RowIndex), $"node error reading the tip ({ex.Kind}): {ex.Message}");
            }

            if (failures.Count == 0)
            {
                complete = after.All(h => h <= tip);
                await ReadHeightsAsync(node, targets, [.. before, .. after.Where(h => h <= tip)], samples, failures, cancellationToken).ConfigureAwait(false);
            }
        }

        var from = height - policy.BlocksBefore < 0 ? 0 : height - policy.BlocksBefore;
        var to = checked(height + policy.BlocksAfter);
        return targets.ToDictionary(
            t => t.RowIndex,
            t => WindowObservation.Create(height, t.SnapshotBalance, from, to, policy.SamplesEachSide, policy.FlagShareBasisPoints, samples[t.RowIndex], complete, failures.GetValueOrDefault(t.RowIndex)));

        void Fail(IEnumerable<int> rows, string reason)
        {
            foreach (var row in rows)
            {
                failures.TryAdd(row, reason);
            }
        }
    }

    private static async Task ReadHeightsAsync(IChainBalanceReader node, IReadOnlyList<WindowTarget> targets, IReadOnlyList<long> heights, Dictionary<int, List<WindowSample>> samples, Dictionary<int, string> failures, CancellationToken cancellationToken)
    {
        foreach (var height in heights)
        {
            var active = targets.Where(t => !failures.ContainsKey(t.RowIndex)).ToList();
            if (active.Count == 0)
            {
                return;
            }

            IReadOnlyList<BalanceReading> readings;
            try
            {
                readings = await node.ReadAsync([.. active.Select(t => new BalanceQuery(t.RowIndex, t.Address, t.Token, height, null))], cancellationToken).ConfigureAwait(false);
            }
            catch (NodeException ex)
            {
                // A node-wide failure ends the window for every row still being read: the node is not trusted further.
                foreach (var t in active)
                {
                    failures[t.RowIndex] = $"node error at height {height} ({ex.Kind}): {ex.Message}";
                }

                return;
            }

            var byRow = new Dictionary<int, BalanceReading>();
            foreach (var reading in readings)
            {
                byRow.TryAdd(reading.RowIndex, reading);
            }

            foreach (var t in active)
            {
                if (!byRow.TryGetValue(t.RowIndex, out var reading))
                {
                    failures[t.RowIndex] = $"the node returned no balance at height {height}";
                }
                else if (reading.Amount is not { } amount)
                {
                    failures[t.RowIndex] = $"balance at height {height} unreadable: {reading.Failure}";
                }
                else
                {
                    samples[t.RowIndex].Add(new WindowSample(height, amount));
                }
            }
        }
    }
}
