// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Testing;

namespace Por.Storage.Tests;

public sealed class RoundHistoryStoreTests
{
    private static RoundRecord Round(string id, int day, string root, ulong reserves) => new(id, TestRounds.Time.AddDays(day), 42, root, RoundMode.Transparent,
    [
        new AssetRecord("BTC", UInt128.MaxValue, 8, reserves, 18, ExactNumber.TryParseDecimal("97250.123456789012345678", 18, out var p) ? p : ExactNumber.Zero),
        new AssetRecord("OKB", 0, 8, 5, 8, ExactNumber.One),
    ]);

    [Fact]
    public void OpenSqlite_NewFile_MigratedToLatest()
    {
        using var dir = new TempDirectory();
        using var store = RoundHistoryStore.OpenSqlite(dir.File("sub/h.sqlite"));
        Assert.Equal(HistoryMigrations.Latest, store.SchemaVersion);
    }

    [Fact]
    public void Record_ThenRead_ExactValuesRoundTrip()
    {
        using var dir = new TempDirectory();
        var round = Round("2026-11", 0, "ab", 123);
        using (var store = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite")))
        {
            store.Record(round);
        }

        using var reopened = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var read = Assert.Single(reopened.ReadUntil(round.SnapshotTime));
        Assert.Equal(round.RoundId, read.RoundId);
        Assert.Equal(round.SnapshotTime, read.SnapshotTime);
        Assert.Equal(UInt128.MaxValue, read.Assets[0].LiabilitiesBase);
        Assert.Equal(round.Assets[0].PriceUsd, read.Assets[0].PriceUsd);
        Assert.Equal(round.Assets, read.Assets);
    }

    [Fact]
    public void Record_ZkRoundWithoutAccountCount_ReadBackAsNotPublic()
    {
        using var dir = new TempDirectory();
        using var store = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record(Round("t", 0, "ab", 1));
        store.Record(Round("z", 30, "cd", 1) with { AccountCount = null, Mode = RoundMode.Zk });
        var read = store.ReadUntil(TestRounds.Time.AddDays(30));
        Assert.Equal(new (long?, RoundMode)[] { (42, RoundMode.Transparent), (null, RoundMode.Zk) }, read.Select(r => (r.AccountCount, r.Mode)));
    }

    [Fact]
    public void Record_SameRoundSameRoot_Replaces()
    {
        using var dir = new TempDirectory();
        using var store = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record(Round("r", 0, "ab", 1));
        store.Record(Round("r", 0, "ab", 2));
        Assert.Equal((UInt128)2, Assert.Single(store.ReadUntil(TestRounds.Time)).Assets[0].ReservesBase);
    }

    [Fact]
    public void Record_SameRoundOtherRoot_Rejected()
    {
        using var dir = new TempDirectory();
        using var store = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record(Round("r", 0, "ab", 1));
        Assert.Contains("already recorded", Assert.Throws<InvalidDataException>(() => store.Record(Round("r", 0, "cd", 1))).Message, StringComparison.Ordinal);
        Assert.Equal("ab", Assert.Single(store.ReadUntil(TestRounds.Time)).Root);
    }

    [Fact]
    public void ReadUntil_LaterRoundsExcluded_OldestFirst()
    {
        using var dir = new TempDirectory();
        using var store = RoundHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        store.Record(Round("c", 60, "03", 1));
        store.Record(Round("a", 0, "01", 1));
        store.Record(Round("b", 30, "02", 1));
        Assert.Equal(["a", "b"], store.ReadUntil(TestRounds.Time.AddDays(30)).Select(r => r.RoundId));
    }
}
