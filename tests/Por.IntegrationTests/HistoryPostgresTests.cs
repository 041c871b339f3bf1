// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Npgsql;
using Por.Cli;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports;
using Por.Reports.History;
using Por.Storage;

namespace Por.IntegrationTests;

/// <summary>
/// The history store on PostgreSQL (the CI's throwaway cluster, POR_TEST_PG): same migrations, exact round trips,
/// root conflicts, and <c>por report --history-pg</c> end to end. Skipped when POR_TEST_PG is unset (failed in CI). Each test works in
/// its own schema, dropped afterwards.
/// </summary>
public sealed class HistoryPostgresTests(DemoOutput demo) : IClassFixture<DemoOutput>
{
    private static readonly DateTimeOffset s_time = DateTimeOffset.FromUnixTimeSeconds(1_793_491_200);

    private static string Connection()
    {
        var connection = Environment.GetEnvironmentVariable("POR_TEST_PG");
        if (string.IsNullOrEmpty(connection))
        {
            RequiredTool.Missing("POR_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts a throwaway cluster and sets it)");
        }

        return connection;
    }

    private static (string Connection, string Schema) FreshSchema()
    {
        var connection = Connection();
        var schema = "por_it_" + Guid.NewGuid().ToString("N")[..12];
        Execute(connection, $"create schema {schema}");
        return (new NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ToString(), schema);
    }

    private static void Drop(string schema) => Execute(Connection(), $"drop schema {schema} cascade");

    private static void Execute(string connection, string sql)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static RoundRecord Round(string id, int day, string root, UInt128 reserves) => new(id, s_time.AddDays(day), 7, root, RoundMode.Transparent,
    [
        new AssetRecord("BTC", UInt128.MaxValue, 8, reserves, 18, ExactNumber.TryParseDecimal("97250.000000000000000001", 18, out var p) ? p : ExactNumber.Zero),
        new AssetRecord("USDT", 5, 6, 6, 6, ExactNumber.One),
    ]);

    [Fact]
    public void Postgres_MigrateRecordRead_ExactAndSameAsSqlite()
    {
        var (connection, schema) = FreshSchema();
        try
        {
            var rounds = new[] { Round("b", 30, "02", UInt128.MaxValue), Round("a", 0, "01", 1) };
            using var pg = RoundHistoryStore.OpenPostgres(connection);
            Assert.Equal(HistoryMigrations.Latest, pg.SchemaVersion);
            using var again = RoundHistoryStore.OpenPostgres(connection);
            Assert.Equal(HistoryMigrations.Latest, again.SchemaVersion);
            var file = Path.Combine(demo.Directory, $"parity-{schema}.sqlite");
            using var sqlite = RoundHistoryStore.OpenSqlite(file);
            foreach (var r in rounds)
            {
                pg.Record(r);
                sqlite.Record(r);
            }

            var fromPg = pg.ReadUntil(s_time.AddDays(30));
            var fromSqlite = sqlite.ReadUntil(s_time.AddDays(30));
            Assert.Equal(["a", "b"], fromPg.Select(r => r.RoundId));
            Assert.Equal(fromSqlite.Select(r => (r.RoundId, r.SnapshotTime, r.Root, r.AccountCount)), fromPg.Select(r => (r.RoundId, r.SnapshotTime, r.Root, r.AccountCount)));
            Assert.Equal(fromSqlite.SelectMany(r => r.Assets), fromPg.SelectMany(r => r.Assets));
            Assert.Equal(UInt128.MaxValue, fromPg[1].Assets[0].ReservesBase);
            Assert.Single(pg.ReadUntil(s_time));
        }
        finally
        {
            Drop(schema);
        }
    }

    [Fact]
    public void Postgres_SameRoundOtherRoot_RejectedAndUnchanged()
    {
        var (connection, schema) = FreshSchema();
        try
        {
            using var store = RoundHistoryStore.OpenPostgres(connection);
            store.Record(Round("r", 0, "01", 1));
            Assert.Throws<InvalidDataException>(() => store.Record(Round("r", 0, "02", 2)));
            var read = Assert.Single(store.ReadUntil(s_time));
            Assert.Equal("01", read.Root);
            Assert.Equal(UInt128.One, read.Assets[0].ReservesBase);
        }
        finally
        {
            Drop(schema);
        }
    }

    [Fact]
    public void PorReport_HistoryPg_RecordsRoundAndReportsTrend()
    {
        var (connection, schema) = FreshSchema();
        try
        {
            var output = Path.Combine(demo.Directory, "pg-report-" + schema);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = Program.Run(
            [
                "report", "--round", Path.Combine(demo.Directory, "round"), "--reserves", Path.Combine(demo.Directory, "reserves-result.json"), "--reserves-key", Path.Combine(demo.Directory, "auditor.pub.json"),
                "--prices", Path.Combine(demo.Directory, "prices.csv"), "--history-pg", connection, "--out", output, "--json",
            ], stdout, stderr);
            Assert.True(exit == 0, stdout + " " + stderr);
            var result = JsonDocument.Parse(stdout.ToString()).RootElement;
            Assert.StartsWith("postgresql://", result.GetProperty("history_store").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, result.GetProperty("report").GetProperty("history").GetProperty("rounds").GetArrayLength());
            using var store = RoundHistoryStore.OpenPostgres(connection);
            var round = Assert.Single(store.ReadUntil(DateTimeOffset.MaxValue.AddDays(-1)));
            Assert.Equal(result.GetProperty("report").GetProperty("round").GetProperty("id").GetString(), round.RoundId);
            Assert.Equal(result.GetProperty("report").GetProperty("totals").GetProperty("reserves_usd").GetString(), ReportFormat.Usd(round.ReservesUsd));
        }
        finally
        {
            Drop(schema);
        }
    }
}
