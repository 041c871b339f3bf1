// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Registry;

namespace Por.Reserves.Window;

/// <summary>
/// The heights sampled around a snapshot at height H. Before: H − ⌈k·B/n⌉ for k = 1..n; after: H + ⌈k·A/n⌉ for
/// k = 1..n (B = <see cref="WindowPolicy.BlocksBefore"/>, A = <see cref="WindowPolicy.BlocksAfter"/>,
/// n = <see cref="WindowPolicy.SamplesEachSide"/>). Evenly spaced, the outer ends H − B and H + A always included,
/// the snapshot itself never; heights below 0 are dropped and repeated heights (n &gt; B or n &gt; A) kept once.
/// </summary>
public static class WindowSchedule
{
    /// <summary>The sampled heights before the snapshot, ascending.</summary>
    /// <param name="snapshotHeight">H.</param>
    /// <param name="policy">The chain's window policy.</param>
    /// <returns>Distinct heights in [max(0, H − B), H).</returns>
    public static IReadOnlyList<long> Before(long snapshotHeight, WindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Validate(snapshotHeight, policy);
        return [.. Offsets(policy.BlocksBefore, policy.SamplesEachSide).Select(d => snapshotHeight - d).Where(h => h >= 0).Distinct().Order()];
    }

    /// <summary>The sampled heights after the snapshot, ascending.</summary>
    /// <param name="snapshotHeight">H.</param>
    /// <param name="policy">The chain's window policy.</param>
    /// <returns>Distinct heights in (H, H + A].</returns>
    public static IReadOnlyList<long> After(long snapshotHeight, WindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Validate(snapshotHeight, policy);
        return [.. Offsets(policy.BlocksAfter, policy.SamplesEachSide).Select(d => checked(snapshotHeight + d)).Distinct().Order()];
    }

    // ⌈k·length/n⌉ for k = 1..n, in exact integer arithmetic.
    private static IEnumerable<long> Offsets(long length, int samples)
    {
        for (var k = 1L; k <= samples; k++)
        {
            yield return checked((k * length) + samples - 1) / samples;
        }
    }

    private static void Validate(long snapshotHeight, WindowPolicy policy)
    {
        if (snapshotHeight < 0 || policy.BlocksBefore < 1 || policy.BlocksAfter < 1 || policy.SamplesEachSide < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), $"window {policy} around height {snapshotHeight}: heights and lengths must be positive");
        }
    }
}
