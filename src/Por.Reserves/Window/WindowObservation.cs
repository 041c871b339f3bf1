// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Window;

/// <summary>
/// One verified row's balances across the borrowed-reserves window (docs/reserves.md, "Borrowed reserves (window)").
/// The verifier builds it with <see cref="Create"/>, which derives the minimum and the round-trip flag from the
/// samples; a reader of a result file sets the fields as written and rechecks them.
/// </summary>
public sealed record WindowObservation
{
    /// <summary>The snapshot height H.</summary>
    public required long SnapshotHeight { get; init; }

    /// <summary>The window's first height, H − BlocksBefore.</summary>
    public required long FromHeight { get; init; }

    /// <summary>The window's last height, H + BlocksAfter.</summary>
    public required long ToHeight { get; init; }

    /// <summary>The policy's samples per side (with <see cref="FromHeight"/> and <see cref="ToHeight"/> it fixes the
    /// schedule, so a reader can recompute it).</summary>
    public required int SamplesEachSide { get; init; }

    /// <summary>The policy's flag share in basis points.</summary>
    public required int FlagShareBasisPoints { get; init; }

    /// <summary>True when every scheduled height was read (none beyond the node's tip, no failure).</summary>
    public required bool Complete { get; init; }

    /// <summary>The balances read, ascending by height, the snapshot included.</summary>
    public required IReadOnlyList<WindowSample> Samples { get; init; }

    /// <summary>The smallest balance among <see cref="Samples"/>.</summary>
    public required UInt128 Minimum { get; init; }

    /// <summary>True when the balance both before and after the snapshot dropped by at least the flag share.</summary>
    public required bool RoundTrip { get; init; }

    /// <summary>The smaller of the two drops when <see cref="RoundTrip"/>, otherwise 0.</summary>
    public required UInt128 RoundTripAmount { get; init; }

    /// <summary>Why the window could not be read in full (node failure, no past-block reads), or null.</summary>
    public required string? Failure { get; init; }

    /// <summary>Whether stability is measured: the window is complete.</summary>
    public bool Measured => Complete && Failure is null;

    /// <summary>Stable reserves of a row claiming <paramref name="claimed"/>: min(claimed, <see cref="Minimum"/>)
    /// when measured, otherwise null (unknown, counted as 0 in stable totals).</summary>
    /// <param name="claimed">The row's claimed amount.</param>
    /// <returns>The stable amount or null.</returns>
    public UInt128? Stable(UInt128 claimed) => Measured ? UInt128.Min(claimed, Minimum) : null;

    /// <summary>Builds an observation: the samples are merged with the snapshot sample, sorted, the minimum and the
    /// round-trip flag derived.</summary>
    /// <param name="snapshotHeight">H.</param>
    /// <param name="snapshotBalance">The balance at H.</param>
    /// <param name="fromHeight">H − BlocksBefore.</param>
    /// <param name="toHeight">H + BlocksAfter.</param>
    /// <param name="samplesEachSide">The policy's samples per side.</param>
    /// <param name="flagShareBasisPoints">The policy's flag share (1..10000).</param>
    /// <param name="samples">Balances read at window heights (without the snapshot).</param>
    /// <param name="complete">Whether every scheduled height was read.</param>
    /// <param name="failure">Why not, when a read failed or past blocks cannot be read.</param>
    /// <returns>The observation.</returns>
    public static WindowObservation Create(long snapshotHeight, UInt128 snapshotBalance, long fromHeight, long toHeight, int samplesEachSide, int flagShareBasisPoints, IEnumerable<WindowSample> samples, bool complete, string? failure)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(flagShareBasisPoints, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(flagShareBasisPoints, 10_000);
        var all = samples.Where(s => s.Height != snapshotHeight).Append(new WindowSample(snapshotHeight, snapshotBalance)).OrderBy(s => s.Height).ToList();
        var amount = RoundTripDrop(snapshotHeight, snapshotBalance, all, flagShareBasisPoints);
        return new WindowObservation
        {
            SnapshotHeight = snapshotHeight,
            FromHeight = fromHeight,
            ToHeight = toHeight,
            SamplesEachSide = samplesEachSide,
            FlagShareBasisPoints = flagShareBasisPoints,
            Complete = complete && failure is null,
            Samples = all,
            Minimum = all.Min(s => s.Balance),
            RoundTrip = amount is not null,
            RoundTripAmount = amount ?? UInt128.Zero,
            Failure = failure,
        };
    }

    /// <summary>
    /// The round-trip rule: with S the snapshot balance, Db = S − (minimum before H) and Da = S − (minimum after H)
    /// (0 when that minimum is not below S), a round trip is flagged when samples exist on both sides, Db &gt; 0,
    /// Da &gt; 0 and both are at least ⌈S·bps/10000⌉; its amount is min(Db, Da).
    /// </summary>
    /// <param name="snapshotHeight">H.</param>
    /// <param name="snapshotBalance">S.</param>
    /// <param name="samples">The samples (the snapshot's own is ignored).</param>
    /// <param name="flagShareBasisPoints">bps.</param>
    /// <returns>The flagged amount, or null when not flagged.</returns>
    public static UInt128? RoundTripDrop(long snapshotHeight, UInt128 snapshotBalance, IReadOnlyList<WindowSample> samples, int flagShareBasisPoints)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var before = samples.Where(s => s.Height < snapshotHeight).Select(s => s.Balance).ToList();
        var after = samples.Where(s => s.Height > snapshotHeight).Select(s => s.Balance).ToList();
        if (before.Count == 0 || after.Count == 0)
        {
            return null;
        }

        var dropBefore = Drop(snapshotBalance, before.Min());
        var dropAfter = Drop(snapshotBalance, after.Min());
        var threshold = Threshold(snapshotBalance, flagShareBasisPoints);
        return dropBefore > UInt128.Zero && dropAfter > UInt128.Zero && dropBefore >= threshold && dropAfter >= threshold
            ? UInt128.Min(dropBefore, dropAfter)
            : null;
    }

    private static UInt128 Drop(UInt128 snapshot, UInt128 minimum) => minimum < snapshot ? snapshot - minimum : UInt128.Zero;

    // ⌈S·bps/10000⌉ without overflow: S = q·10000 + r, so the value is q·bps + ⌈r·bps/10000⌉ (q·bps ≤ S as bps ≤ 10000).
    private static UInt128 Threshold(UInt128 snapshot, int bps)
    {
        var q = snapshot / 10_000;
        var r = snapshot % 10_000;
        return checked((q * (uint)bps) + ((r * (uint)bps) + 9_999) / 10_000);
    }
}
