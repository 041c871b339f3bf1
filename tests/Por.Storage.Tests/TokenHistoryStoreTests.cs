// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Storage.Tests;

public sealed class TokenHistoryStoreTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BigInteger s_huge = BigInteger.Pow(2, 200) + 7;

    internal static TokenEvaluation Evaluation(BigInteger supply, BigInteger reserves, TokenStatus status, DateTimeOffset at, EvidenceFailure failure = EvidenceFailure.None) => new(
        "usdx", 6, at,
        [
            new SupplyReading("ethereum", "0xaa", DeploymentRole.Canonical, 100, "0x01", at.AddMinutes(-1), supply, 5, supply - 5, EvidenceFailure.None, "read at 100"),
            new SupplyReading("base", "0xbb", DeploymentRole.LockAndMint, 200, "0x02", at.AddMinutes(-2), 9, 0, 0, EvidenceFailure.None, "representation"),
        ],
        [
            new ReserveEvidence("feed", EvidenceClass.ReserveFeed, reserves, at.AddMinutes(-3), "round 7", failure, "feed answer"),
            new ReserveEvidence("statement", EvidenceClass.SignedStatement, 0, null, "sha256 00", EvidenceFailure.None, "unclocked is allowed to round-trip"),
        ],
        supply - 5, reserves, 25, status);

    internal static MonitorRecord Record(string slot, TokenEvaluation evaluation, params TokenAlert[] alerts) => new(
        MonitorSlot.TryParse(slot, out var s) ? s : throw new ArgumentException(slot, nameof(slot)),
        evaluation, null,
        [new ContractObservation("ethereum", "0xaa", "decimals", "6"), new ContractObservation("ethereum", "0xaa", "owner", "0x01")],
        [new MintEvent("ethereum", "0xaa", 99, "0xt1", 0, s_huge, evaluation.EvaluatedAt.AddMinutes(-5))],
        [new MintScan("ethereum", "0xaa", 100)],
        alerts,
        [new AlertCondition(AlertKind.RatioBelowMargin, "ratio", "below")],
        Deliver: true);

    [Fact]
    public void Record_ThenRead_ExactRoundTrip_AndRatioAsReducedIntegers()
    {
        using var dir = new TempDirectory();
        var e = Evaluation(s_huge, s_huge * 3 + 15, TokenStatus.Covered, s_at);
        using (var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite")))
        {
            Assert.True(store.Record("usdx", Record("b:100", e)));
        }

        using var reopened = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var read = Assert.Single(reopened.Evaluations("usdx"));
        Assert.Equal("b:100", read.Slot.Key);
        Assert.Equal(e.EvaluatedAt, read.Evaluation.EvaluatedAt);
        Assert.Equal(e.Supply, read.Evaluation.Supply);
        Assert.Equal(e.Reserves, read.Evaluation.Reserves);
        Assert.Equal((e.CirculatingSupply, e.TotalReserves, e.MarginBasisPoints, e.Status, e.Decimals), (read.Evaluation.CirculatingSupply, read.Evaluation.TotalReserves, read.Evaluation.MarginBasisPoints, read.Evaluation.Status, read.Evaluation.Decimals));
        var ratio = TokenHistoryStore.Ratio(read.Evaluation)!.Value;
        Assert.Equal(e.TotalReserves * ratio.Denominator, e.CirculatingSupply * ratio.Numerator);
        Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(ratio.Numerator, ratio.Denominator));
        Assert.Equal(s_huge, Assert.Single(reopened.Mints("usdx")).Amount);
    }

    [Fact]
    public void Ratio_IsNull_WhenEvidenceFailed()
    {
        Assert.Null(TokenHistoryStore.Ratio(Evaluation(10, 10, TokenStatus.EvidenceFailed, s_at, EvidenceFailure.Stale)));
    }

    [Fact]
    public void Record_SameSlotTwice_SecondIsRefused_AndNothingChanges()
    {
        using var dir = new TempDirectory();
        using var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        Assert.True(store.Record("usdx", Record("t:600", Evaluation(10, 10, TokenStatus.Covered, s_at))));
        Assert.False(store.Record("usdx", Record("t:600", Evaluation(10, 1, TokenStatus.Undercollateralized, s_at.AddSeconds(1)))));
        var only = Assert.Single(store.Evaluations("usdx"));
        Assert.Equal(TokenStatus.Covered, only.Evaluation.Status);
        Assert.True(store.Record("other", Record("t:600", Evaluation(10, 10, TokenStatus.Covered, s_at)) with { Mints = [] }));
    }

    [Fact]
    public void Slots_AreOrderedByNumber_NotByText_WhenTimesTie()
    {
        // b:12 sorts before b:9 as text; two slots evaluated in the same second must still come in block order, and the
        // resume point must be the later block (found on CI, where anvil's heights crossed a digit boundary).
        using var dir = new TempDirectory();
        using var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record("usdx", Record("b:9", Evaluation(10, 10, TokenStatus.Covered, s_at)));
        store.Record("usdx", Record("b:12", Evaluation(10, 10, TokenStatus.Covered, s_at)));
        Assert.Equal(["b:9", "b:12"], store.Evaluations("usdx").Select(e => e.Slot.Key));
        Assert.Equal("b:12", store.ReadResumePoint("usdx").LastSlot!.Key);
    }

    [Fact]
    public void ResumePoint_LastSlot_Conditions_LatestObservations_Scans()
    {
        using var dir = new TempDirectory();
        using var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        Assert.Null(store.ReadResumePoint("usdx").LastSlot);
        store.Record("usdx", Record("b:100", Evaluation(10, 10, TokenStatus.Covered, s_at)));
        store.Record("usdx", Record("b:110", Evaluation(10, 10, TokenStatus.Covered, s_at.AddMinutes(1))) with
        {
            Observations = [new ContractObservation("ethereum", "0xaa", "decimals", "18")],
            Scans = [new MintScan("ethereum", "0xaa", 110)],
            Conditions = [],
            Mints = [],
        });
        var resume = store.ReadResumePoint("usdx");
        Assert.Equal("b:110", resume.LastSlot!.Key);
        Assert.Empty(resume.Conditions);
        Assert.Equal("18", resume.Observations.Single(o => o.Property == "decimals").Value);
        Assert.Equal("0x01", resume.Observations.Single(o => o.Property == "owner").Value); // kept from b:100
        Assert.Equal(110, Assert.Single(resume.Scans).ScannedTo);
    }

    [Fact]
    public void Mints_RescannedLogIsStoredOnce_AndWindowIsByBlockTime()
    {
        using var dir = new TempDirectory();
        using var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record("usdx", Record("b:100", Evaluation(10, 10, TokenStatus.Covered, s_at)));
        store.Record("usdx", Record("b:110", Evaluation(10, 10, TokenStatus.Covered, s_at)));
        Assert.Single(store.Mints("usdx"));
        var t = s_at.AddMinutes(-5);
        Assert.Single(store.MintAmounts("usdx", t, t.AddSeconds(1)));
        Assert.Empty(store.MintAmounts("usdx", t.AddSeconds(1), t.AddDays(1)));
        Assert.Single(store.MintAmounts("usdx", t.AddDays(-1), t)); // the end is included: blocks can share a second
        Assert.Empty(store.MintAmounts("usdx", t.AddDays(-1), t.AddSeconds(-1)));
    }

    [Fact]
    public void Outbox_PendingUntilMarked()
    {
        using var dir = new TempDirectory();
        using var store = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var alert = new TokenAlert("usdx", "b:100", AlertKind.RatioBelowMargin, AlertState.Raised, "ratio", "below", s_at);
        store.Record("usdx", Record("b:100", Evaluation(10, 10, TokenStatus.Covered, s_at), alert, alert with { Kind = AlertKind.UnusualMint, State = AlertState.Event }));
        store.Record("usdx", Record("b:110", Evaluation(10, 10, TokenStatus.Covered, s_at.AddMinutes(1)), alert with { Slot = "b:110" }) with { Deliver = false });
        var pending = store.PendingAlerts();
        Assert.Equal([0, 1], pending.Select(p => p.Sequence));
        store.MarkDelivery(pending[0], delivered: true);
        store.MarkDelivery(pending[1], delivered: false);
        Assert.Empty(store.PendingAlerts());
        Assert.Equal(["delivered", "failed", "none"], store.Alerts("usdx").Select(a => a.Delivery));
        Assert.Equal(AlertKind.UnusualMint, store.Alerts("usdx")[1].Alert.Kind);
    }

    [Fact]
    public void Schema_IsTheSharedHistorySchema()
    {
        using var dir = new TempDirectory();
        using (TokenHistoryStore.OpenSqlite(dir.File("h.sqlite")))
        {
        }

        using var rounds = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        Assert.Equal(HistoryMigrations.Latest, rounds.SchemaVersion);
        Assert.Equal(2, HistoryMigrations.Latest);
    }
}
