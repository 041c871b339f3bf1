// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Registry;
using Por.Reserves.Window;

namespace Por.Reserves.Tests.Window;

/// <summary>The analyzer against scripted chains: a borrow-and-return around the snapshot, steady and growing wallets,
/// the flag threshold, an unfinished window, node failures and chains that cannot read past blocks.</summary>
public sealed class WindowAnalyzerTests
{
    private const long H = 1_000;
    private const string Borrower = "0xborrower";
    private const string Steady = "0xsteady";

    // B = A = 100 blocks, 5 samples each side: 900, 920, 940, 960, 980 | 1020, 1040, 1060, 1080, 1100.
    private static readonly WindowPolicy s_policy = new(100, 100, 5, 1_000);

    private static RegistryChain Chain(WindowPolicy? policy = null) =>
        new("ethereum", ReserveTestFixtures.EthereumIdentity, new ChainSnapshot(H, ReserveTestFixtures.EthHash), policy ?? s_policy, null);

    // The borrower holds 100 and receives a loan of 1000 at H − 10, returned at H + 30.
    private static UInt128? Script(string address, string? token, long height) => address switch
    {
        Borrower => height >= H - 10 && height < H + 30 ? (UInt128)1_100 : 100,
        Steady => (UInt128)500,
        _ => null,
    };

    private static Task<IReadOnlyDictionary<int, WindowObservation>> ObserveAsync(ScriptedWindowReader reader, WindowPolicy? policy = null) =>
        WindowAnalyzer.ObserveAsync(reader, Chain(policy), [new WindowTarget(0, Borrower, null, 1_100), new WindowTarget(1, Steady, null, 500)], CancellationToken.None);

    [Fact]
    public async Task Observe_BorrowAndReturn_FlaggedAndStableIsBalanceWithoutLoan()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script);
        var observed = await ObserveAsync(reader);
        var borrower = observed[0];
        Assert.True(borrower.Complete);
        Assert.True(borrower.Measured);
        Assert.Null(borrower.Failure);
        Assert.Equal(11, borrower.Samples.Count);
        Assert.Contains(new WindowSample(H, 1_100), borrower.Samples);
        Assert.Equal((UInt128)100, borrower.Minimum);
        Assert.True(borrower.RoundTrip);
        Assert.Equal((UInt128)1_000, borrower.RoundTripAmount);
        Assert.Equal((UInt128)100, borrower.Stable(1_100));
        Assert.Equal((UInt128)100, borrower.Stable(1_000));
        Assert.Equal(900, borrower.FromHeight);
        Assert.Equal(1_100, borrower.ToHeight);

        var steady = observed[1];
        Assert.False(steady.RoundTrip);
        Assert.Equal(UInt128.Zero, steady.RoundTripAmount);
        Assert.Equal((UInt128)500, steady.Minimum);
        Assert.Equal((UInt128)500, steady.Stable(600));
        Assert.Equal((UInt128)450, steady.Stable(450));
    }

    [Fact]
    public async Task Observe_OneBatchPerHeight_AllRowsTogetherWithoutPinnedHash()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script);
        await ObserveAsync(reader);
        Assert.Equal([900L, 920, 940, 960, 980, 1_020, 1_040, 1_060, 1_080, 1_100], reader.Batches.Select(b => b.Single(q => q.RowIndex == 0).Height));
        Assert.All(reader.Batches, b =>
        {
            Assert.Equal(2, b.Count);
            Assert.All(b, q => Assert.Null(q.BlockHash));
        });
    }

    [Fact]
    public async Task Observe_DepositsBeforeSnapshotKept_NotFlaggedButStableIsMinimum()
    {
        // Growing reserves drop only on one side: no round trip, but stability is still the minimum over the window.
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, height) => height < H - 10 ? (UInt128)100 : 1_100);
        var borrower = (await ObserveAsync(reader))[0];
        Assert.False(borrower.RoundTrip);
        Assert.Equal((UInt128)100, borrower.Stable(1_100));
    }

    [Theory]
    [InlineData(999, false)]
    [InlineData(1_000, true)]
    [InlineData(1_001, true)]
    public async Task Observe_DropAtFlagShare_FlaggedFromExactlyTheShare(int drop, bool flagged)
    {
        // Snapshot 10000, 10% flag share: the threshold is exactly 1000 base units on both sides.
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, height) => height == H ? 10_000 : (UInt128)(10_000 - drop));
        var observed = await WindowAnalyzer.ObserveAsync(reader, Chain(), [new WindowTarget(0, Borrower, null, 10_000)], CancellationToken.None);
        Assert.Equal(flagged, observed[0].RoundTrip);
        Assert.Equal(flagged ? (UInt128)drop : UInt128.Zero, observed[0].RoundTripAmount);
    }

    [Fact]
    public async Task Observe_FlaggedAmountIsTheSmallerDrop_HugeBalancesWithoutOverflow()
    {
        var snapshot = UInt128.MaxValue;
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, height) => height < H ? snapshot / 2 : height > H ? snapshot / 4 : snapshot);
        var observed = await WindowAnalyzer.ObserveAsync(reader, Chain(new WindowPolicy(100, 100, 5, 10_000 / 3)), [new WindowTarget(0, Borrower, null, snapshot)], CancellationToken.None);
        Assert.True(observed[0].RoundTrip);
        Assert.Equal(snapshot - (snapshot / 2), observed[0].RoundTripAmount);
        Assert.Equal(snapshot / 4, observed[0].Minimum);
    }

    [Fact]
    public async Task Observe_TipBeforeWindowEnd_IncompleteNotStableLaterHeightsNotRead()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script) { Tip = 1_050 };
        var borrower = (await ObserveAsync(reader))[0];
        Assert.False(borrower.Complete);
        Assert.False(borrower.Measured);
        Assert.Null(borrower.Failure);
        Assert.Null(borrower.Stable(1_100));
        Assert.Equal([900L, 920, 940, 960, 980, 1_000, 1_020, 1_040], borrower.Samples.Select(s => s.Height));
        Assert.True(borrower.RoundTrip); // the flag is evidence even before the window closes
    }

    [Fact]
    public async Task Observe_NodeCannotReadPastBlocks_FailureNoReadsNoStability()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script) { CanReadPastBlocks = false };
        var observed = await ObserveAsync(reader);
        Assert.Empty(reader.Batches);
        Assert.All(observed.Values, o =>
        {
            Assert.False(o.Complete);
            Assert.Contains("only at its head", o.Failure, StringComparison.Ordinal);
            Assert.Null(o.Stable(1));
            Assert.Equal([H], o.Samples.Select(s => s.Height));
        });
    }

    [Fact]
    public async Task Observe_NodeFailsMidWindow_EveryRowFailedNoFurtherReads()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script) { FailAtHeight = 960 };
        var observed = await ObserveAsync(reader);
        Assert.Equal(4, reader.Batches.Count);
        Assert.All(observed.Values, o =>
        {
            Assert.False(o.Measured);
            Assert.Contains("height 960", o.Failure, StringComparison.Ordinal);
            Assert.Null(o.Stable(1));
        });
    }

    [Fact]
    public async Task Observe_TipUnreadable_EveryRowFailed()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, Script) { FailTip = true };
        var observed = await ObserveAsync(reader);
        Assert.Empty(reader.Batches);
        Assert.All(observed.Values, o => Assert.Contains("tip", o.Failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Observe_OneRowUnreadableAtAHeight_OnlyThatRowFails()
    {
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (address, token, height) => address == Borrower && height == 1_040 ? null : Script(address, token, height));
        var observed = await ObserveAsync(reader);
        Assert.Contains("height 1040", observed[0].Failure, StringComparison.Ordinal);
        Assert.Null(observed[0].Stable(1_100));
        Assert.True(observed[1].Measured);
        Assert.Equal((UInt128)500, observed[1].Stable(500));
        Assert.Single(reader.Batches[^1]);
    }
}
