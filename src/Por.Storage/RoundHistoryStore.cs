// SPDX-License-Identifier: Apache-2.0

using System.Data;
using System.Data.Common;
using System.Globalization;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Reports.Prices;

namespace Por.Storage;

/// <summary>
/// The round history: SQLite by default, PostgreSQL through a connection string, same schema and migrations
/// (<see cref="HistoryMigrations"/>). A round is recorded only after the report has verified it; recording a round
/// id again replaces its figures, but never under a different root.
/// </summary>
public sealed class RoundHistoryStore : IRoundHistory, IDisposable
{
    /// <summary>The stored <c>account_count</c> of a round whose mode keeps the count secret (zk); read back as null.</summary>
    public const long AccountCountNotPublic = -1;

    private readonly DbConnection _connection;

    private RoundHistoryStore(DbConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    /// <summary>Where the store lives (file path or PostgreSQL host/database, without credentials).</summary>
    public string Description { get; }

    /// <summary>The schema version after migration.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("select coalesce(max(version), 0) from por_schema_version", null), CultureInfo.InvariantCulture);

    /// <summary>Opens (creating if needed) a SQLite history file and migrates it.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The store.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static RoundHistoryStore OpenSqlite(string path)
    {
        var (connection, description) = HistoryDatabase.OpenSqlite(path);
        return new RoundHistoryStore(connection, description);
    }

    /// <summary>Opens a PostgreSQL history database and migrates it.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The store.</returns>
    /// <exception cref="IOException">The server cannot be reached or refuses.</exception>
    /// <exception cref="InputException">The connection string is malformed.</exception>
    public static RoundHistoryStore OpenPostgres(string connectionString)
    {
        var (connection, description) = HistoryDatabase.OpenPostgres(connectionString);
        return new RoundHistoryStore(connection, description);
    }

    /// <summary>Records (or re-records) a round with its per-asset figures, in one transaction.</summary>
    /// <param name="round">The round.</param>
    /// <exception cref="InvalidDataException">The round id is already recorded with another root.</exception>
    public void Record(RoundRecord round)
    {
        ArgumentNullException.ThrowIfNull(round);
        using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
        var existing = Scalar("select root from por_round where round_id = @id", tx, ("@id", round.RoundId));
        if (existing is string root)
        {
            if (!string.Equals(root, round.Root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"history {Description}: round {round.RoundId} is already recorded with root {root}, not {round.Root}");
            }

            Execute("delete from por_round_asset where round_id = @id", tx, ("@id", round.RoundId));
            Execute("update por_round set snapshot_time = @t, account_count = @n, mode = @m where round_id = @id", tx,
                ("@id", round.RoundId), ("@t", UtcTime.Format(round.SnapshotTime)), ("@n", round.AccountCount ?? AccountCountNotPublic), ("@m", round.Mode.Name()));
        }
        else
        {
            Execute("insert into por_round (round_id, snapshot_time, account_count, root, mode) values (@id, @t, @n, @r, @m)", tx,
                ("@id", round.RoundId), ("@t", UtcTime.Format(round.SnapshotTime)), ("@n", round.AccountCount ?? AccountCountNotPublic), ("@r", round.Root), ("@m", round.Mode.Name()));
        }

        foreach (var a in round.Assets)
        {
            Execute(
                "insert into por_round_asset (round_id, symbol, liabilities_base, liabilities_decimals, reserves_base, reserves_decimals, price_usd) values (@id, @s, @lb, @ld, @rb, @rd, @p)",
                tx,
                ("@id", round.RoundId), ("@s", a.Symbol), ("@lb", a.LiabilitiesBase.ToString(CultureInfo.InvariantCulture)), ("@ld", a.LiabilitiesDecimals),
                ("@rb", a.ReservesBase.ToString(CultureInfo.InvariantCulture)), ("@rd", a.ReservesDecimals), ("@p", a.PriceUsd.Format(PriceFileReader.MaxFractionDigits)));
        }

        tx.Commit();
    }

    /// <summary>Every recorded round with a snapshot time at or before <paramref name="until"/>, oldest first.</summary>
    /// <param name="until">The latest snapshot time to include.</param>
    /// <returns>The rounds.</returns>
    /// <exception cref="InvalidDataException">A stored value is malformed.</exception>
    public IReadOnlyList<RoundRecord> ReadUntil(DateTimeOffset until)
    {
        var rounds = new List<(string Id, DateTimeOffset Time, long? Count, string Root, string Mode)>();
        using (var cmd = Command("select round_id, snapshot_time, account_count, root, mode from por_round where snapshot_time <= @t order by snapshot_time, round_id", null, ("@t", UtcTime.Format(until))))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var time = reader.GetString(1);
                var stored = reader.GetInt64(2);
                long? count = stored == AccountCountNotPublic ? null : stored >= 0 ? stored : throw Corrupt($"account_count {stored}");
                rounds.Add((reader.GetString(0), UtcTime.TryParse(time, out var t) ? t : throw Corrupt($"snapshot_time '{time}'"), count, reader.GetString(3), reader.GetString(4)));
            }
        }

        var records = new List<RoundRecord>(rounds.Count);
        foreach (var r in rounds)
        {
            var assets = new List<AssetRecord>();
            using var cmd = Command("select symbol, liabilities_base, liabilities_decimals, reserves_base, reserves_decimals, price_usd from por_round_asset where round_id = @id order by symbol", null, ("@id", r.Id));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var price = reader.GetString(5);
                assets.Add(new AssetRecord(
                    reader.GetString(0),
                    Units(reader.GetString(1)),
                    reader.GetInt32(2),
                    Units(reader.GetString(3)),
                    reader.GetInt32(4),
                    ExactNumber.TryParseDecimal(price, PriceFileReader.MaxFractionDigits, out var p) ? p : throw Corrupt($"price_usd '{price}'")));
            }

            records.Add(new RoundRecord(r.Id, r.Time, r.Count, r.Root, RoundModes.TryParse(r.Mode, out var mode) ? mode : throw Corrupt($"mode '{r.Mode}'"), assets));
        }

        return records;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private InvalidDataException Corrupt(string what) => new($"history {Description}: stored {what} is malformed");

    private UInt128 Units(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Corrupt($"amount '{text}'");

    private DbCommand Command(string sql, DbTransaction? tx, params (string Name, object Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private void Execute(string sql, DbTransaction? tx, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, DbTransaction? tx, params (string Name, object Value)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        return cmd.ExecuteScalar();
    }
}
