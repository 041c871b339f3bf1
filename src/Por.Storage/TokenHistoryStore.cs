// SPDX-License-Identifier: Apache-2.0

using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Storage;

/// <summary>
/// The token monitor's history (docs/token-por.md, "Monitor"), in the same database, schema and migrations as the round
/// history (<see cref="HistoryMigrations"/> version 2): one row per (token, slot) with its supply readings, reserve
/// evidence, contract observations and alerts, plus the active conditions, the mints seen and how far each deployment's
/// mint logs are read. Amounts are decimal strings of integer base units. A slot is stored in one transaction and at
/// most once. Safe to call from several threads (calls are serialised).
/// </summary>
public sealed class TokenHistoryStore : ITokenHistory, IDisposable
{
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Failed = "failed";
    private const string NotDelivered = "none";

    private readonly Lock _lock = new();
    private readonly DbConnection _connection;

    private TokenHistoryStore(DbConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    /// <summary>Where the store lives (file path or PostgreSQL host/database, without credentials).</summary>
    public string Description { get; }

    /// <summary>Opens (creating if needed) a SQLite history file and migrates it.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>The store.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static TokenHistoryStore OpenSqlite(string path)
    {
        var (connection, description) = HistoryDatabase.OpenSqlite(path);
        return new TokenHistoryStore(connection, description);
    }

    /// <summary>Opens a PostgreSQL history database and migrates it.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The store.</returns>
    /// <exception cref="IOException">The server cannot be reached or refuses.</exception>
    /// <exception cref="InputException">The connection string is malformed.</exception>
    public static TokenHistoryStore OpenPostgres(string connectionString)
    {
        var (connection, description) = HistoryDatabase.OpenPostgres(connectionString);
        return new TokenHistoryStore(connection, description);
    }

    /// <inheritdoc/>
    public ResumePoint ReadResumePoint(string tokenId)
    {
        lock (_lock)
        {
            MonitorSlot? last = null;
            DateTimeOffset? lastAt = null;
            using (var cmd = Command("select slot, evaluated_at from por_token_evaluation where token_id = @t order by evaluated_at desc, length(slot) desc, slot desc limit 1", null, ("@t", tokenId)))
            using (var r = cmd.ExecuteReader())
            {
                if (r.Read())
                {
                    last = Slot(r.GetString(0));
                    lastAt = Time(r.GetString(1));
                }
            }

            var conditions = new List<AlertCondition>();
            using (var cmd = Command("select kind, subject, message from por_token_condition where token_id = @t order by kind, subject", null, ("@t", tokenId)))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    conditions.Add(new AlertCondition(Enum<AlertKind>(r.GetString(0)), r.GetString(1), r.GetString(2)));
                }
            }

            // The latest value of each observed property: the row of the newest evaluation that observed it.
            var observations = new Dictionary<string, ContractObservation>(StringComparer.Ordinal);
            using (var cmd = Command(
                "select o.chain, o.contract, o.property, o.value from por_token_observation o join por_token_evaluation e on e.token_id = o.token_id and e.slot = o.slot where o.token_id = @t order by e.evaluated_at, length(e.slot), e.slot",
                null, ("@t", tokenId)))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    var o = new ContractObservation(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3));
                    observations[o.Key] = o;
                }
            }

            var scans = new List<MintScan>();
            using (var cmd = Command("select chain, contract, scanned_to from por_token_scan where token_id = @t order by chain, contract", null, ("@t", tokenId)))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    scans.Add(new MintScan(r.GetString(0), r.GetString(1), r.GetInt64(2)));
                }
            }

            return new ResumePoint(last, lastAt, conditions, [.. observations.Values], scans);
        }
    }

    /// <inheritdoc/>
    public bool Record(string tokenId, MonitorRecord record)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            using var tx = _connection.BeginTransaction(IsolationLevel.Serializable);
            if (Scalar("select count(*) from por_token_evaluation where token_id = @t and slot = @s", tx, ("@t", tokenId), ("@s", record.Slot.Key)) is var n && Convert.ToInt64(n, CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }

            try
            {
                Write(tokenId, record, tx);
                tx.Commit();
                return true;
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                // Another process stored the slot between the check and the insert.
                tx.Rollback();
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<BigInteger> MintAmounts(string tokenId, DateTimeOffset from, DateTimeOffset until)
    {
        lock (_lock)
        {
            var amounts = new List<BigInteger>();
            using var cmd = Command("select amount from por_token_mint where token_id = @t and block_time >= @f and block_time <= @u", null,
                ("@t", tokenId), ("@f", UtcTime.Format(from)), ("@u", UtcTime.Format(until)));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                amounts.Add(Amount(r.GetString(0)));
            }

            return amounts;
        }
    }

    /// <summary>Every stored mint of a token, oldest first.</summary>
    /// <param name="tokenId">The token.</param>
    /// <returns>The mints.</returns>
    public IReadOnlyList<MintEvent> Mints(string tokenId)
    {
        lock (_lock)
        {
            var mints = new List<MintEvent>();
            using var cmd = Command("select chain, contract, height, tx_hash, log_index, amount, block_time from por_token_mint where token_id = @t order by block_time, chain, height, log_index", null, ("@t", tokenId));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                mints.Add(new MintEvent(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetInt64(4), Amount(r.GetString(5)), Time(r.GetString(6))));
            }

            return mints;
        }
    }

    /// <inheritdoc/>
    public StoredEvaluation? Latest(string tokenId)
    {
        lock (_lock)
        {
            string? slot;
            using (var cmd = Command("select slot from por_token_evaluation where token_id = @t order by evaluated_at desc, length(slot) desc, slot desc limit 1", null, ("@t", tokenId)))
            {
                slot = cmd.ExecuteScalar() as string;
            }

            return slot is null ? null : Read(tokenId, slot);
        }
    }

    /// <summary>Every stored evaluation of a token, oldest first.</summary>
    /// <param name="tokenId">The token.</param>
    /// <returns>The evaluations.</returns>
    public IReadOnlyList<StoredEvaluation> Evaluations(string tokenId)
    {
        lock (_lock)
        {
            var slots = new List<string>();
            using (var cmd = Command("select slot from por_token_evaluation where token_id = @t order by evaluated_at, length(slot), slot", null, ("@t", tokenId)))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    slots.Add(r.GetString(0));
                }
            }

            return [.. slots.Select(s => Read(tokenId, s))];
        }
    }

    /// <summary>Every stored alert of a token, in slot order, with its delivery state (<c>pending</c>, <c>delivered</c>, <c>failed</c>, <c>none</c>).</summary>
    /// <param name="tokenId">The token.</param>
    /// <returns>The alerts.</returns>
    public IReadOnlyList<(TokenAlert Alert, string Delivery)> Alerts(string tokenId)
    {
        lock (_lock)
        {
            var alerts = new List<(TokenAlert, string)>();
            using var cmd = Command(
                "select a.slot, a.kind, a.state, a.subject, a.message, a.raised_at, a.delivery from por_token_alert a join por_token_evaluation e on e.token_id = a.token_id and e.slot = a.slot where a.token_id = @t order by e.evaluated_at, length(a.slot), a.slot, a.sequence",
                null, ("@t", tokenId));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                alerts.Add((new TokenAlert(tokenId, r.GetString(0), Enum<AlertKind>(r.GetString(1)), Enum<AlertState>(r.GetString(2)), r.GetString(3), r.GetString(4), Time(r.GetString(5))), r.GetString(6)));
            }

            return alerts;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<PendingAlert> PendingAlerts()
    {
        lock (_lock)
        {
            var alerts = new List<PendingAlert>();
            using var cmd = Command(
                "select a.token_id, a.slot, a.sequence, a.kind, a.state, a.subject, a.message, a.raised_at from por_token_alert a join por_token_evaluation e on e.token_id = a.token_id and e.slot = a.slot where a.delivery = @p order by e.evaluated_at, a.token_id, length(a.slot), a.slot, a.sequence",
                null, ("@p", Pending));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                alerts.Add(new PendingAlert(r.GetInt32(2), new TokenAlert(r.GetString(0), r.GetString(1), Enum<AlertKind>(r.GetString(3)), Enum<AlertState>(r.GetString(4)), r.GetString(5), r.GetString(6), Time(r.GetString(7)))));
            }

            return alerts;
        }
    }

    /// <inheritdoc/>
    public void MarkDelivery(PendingAlert alert, bool delivered)
    {
        ArgumentNullException.ThrowIfNull(alert);
        lock (_lock)
        {
            Execute("update por_token_alert set delivery = @d where token_id = @t and slot = @s and sequence = @n", null,
                ("@d", delivered ? Delivered : Failed), ("@t", alert.Alert.TokenId), ("@s", alert.Alert.Slot), ("@n", alert.Sequence));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>The ratio reserves / circulating as a reduced fraction of exact integers, or null when no ratio may be reported.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>Numerator and denominator.</returns>
    public static (BigInteger Numerator, BigInteger Denominator)? Ratio(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.HasRatio || evaluation.CirculatingSupply.Sign <= 0 || evaluation.TotalReserves.Sign < 0)
        {
            return null;
        }

        var gcd = BigInteger.GreatestCommonDivisor(evaluation.TotalReserves, evaluation.CirculatingSupply);
        return gcd.IsZero ? (BigInteger.Zero, BigInteger.One) : (evaluation.TotalReserves / gcd, evaluation.CirculatingSupply / gcd);
    }

    private static bool IsUniqueViolation(DbException e) =>
        e is SqliteException { SqliteErrorCode: 19 } || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private void Write(string tokenId, MonitorRecord record, DbTransaction tx)
    {
        var e = record.Evaluation;
        var slot = record.Slot.Key;
        var ratio = Ratio(e);
        Execute(
            "insert into por_token_evaluation (token_id, slot, evaluated_at, decimals, status, circulating, reserves, ratio_numerator, ratio_denominator, margin_bp, detail) values (@t, @s, @at, @d, @st, @c, @r, @rn, @rd, @m, @x)",
            tx,
            ("@t", tokenId), ("@s", slot), ("@at", UtcTime.Format(e.EvaluatedAt)), ("@d", e.Decimals), ("@st", AlertRules.Code(e.Status)),
            ("@c", Text(e.CirculatingSupply)), ("@r", Text(e.TotalReserves)), ("@rn", ratio is { } rn ? Text(rn.Numerator) : null), ("@rd", ratio is { } rd ? Text(rd.Denominator) : null),
            ("@m", e.MarginBasisPoints), ("@x", record.Detail));
        for (var i = 0; i < e.Supply.Count; i++)
        {
            var s = e.Supply[i];
            Execute(
                "insert into por_token_supply (token_id, slot, position, chain, contract, role, height, block_hash, block_time, total_supply, excluded, counted, failure, detail) values (@t, @s, @i, @ch, @co, @ro, @h, @bh, @bt, @ts, @ex, @cn, @f, @de)",
                tx,
                ("@t", tokenId), ("@s", slot), ("@i", i), ("@ch", s.Chain), ("@co", s.Contract), ("@ro", AlertRules.Code(s.Role)), ("@h", s.Height), ("@bh", s.BlockHash),
                ("@bt", UtcTime.Format(s.BlockTime)), ("@ts", Text(s.TotalSupply)), ("@ex", Text(s.Excluded)), ("@cn", Text(s.Counted)), ("@f", AlertRules.Code(s.Failure)), ("@de", s.Detail));
        }

        for (var i = 0; i < e.Reserves.Count; i++)
        {
            var r = e.Reserves[i];
            Execute(
                "insert into por_token_reserve (token_id, slot, position, source_id, evidence_class, amount, observed_at, reference, failure, detail) values (@t, @s, @i, @id, @cl, @a, @o, @ref, @f, @de)",
                tx,
                ("@t", tokenId), ("@s", slot), ("@i", i), ("@id", r.SourceId), ("@cl", AlertRules.Code(r.Class)), ("@a", Text(r.Amount)),
                ("@o", r.ObservedAt is { } o ? UtcTime.Format(o) : null), ("@ref", r.Reference), ("@f", AlertRules.Code(r.Failure)), ("@de", r.Detail));
        }

        foreach (var o in record.Observations)
        {
            Execute("insert into por_token_observation (token_id, slot, chain, contract, property, value) values (@t, @s, @ch, @co, @p, @v)", tx,
                ("@t", tokenId), ("@s", slot), ("@ch", o.Chain), ("@co", o.Contract), ("@p", o.Property), ("@v", o.Value));
        }

        for (var i = 0; i < record.Alerts.Count; i++)
        {
            var a = record.Alerts[i];
            Execute("insert into por_token_alert (token_id, slot, sequence, kind, state, subject, message, raised_at, delivery) values (@t, @s, @i, @k, @st, @su, @m, @at, @d)", tx,
                ("@t", tokenId), ("@s", slot), ("@i", i), ("@k", AlertRules.Code(a.Kind)), ("@st", AlertRules.Code(a.State)), ("@su", a.Subject), ("@m", a.Message),
                ("@at", UtcTime.Format(a.At)), ("@d", record.Deliver ? Pending : NotDelivered));
        }

        Execute("delete from por_token_condition where token_id = @t", tx, ("@t", tokenId));
        foreach (var c in record.Conditions.DistinctBy(c => c.Identity, StringComparer.Ordinal))
        {
            Execute("insert into por_token_condition (token_id, kind, subject, message) values (@t, @k, @s, @m)", tx,
                ("@t", tokenId), ("@k", AlertRules.Code(c.Kind)), ("@s", c.Subject), ("@m", c.Message));
        }

        foreach (var m in record.Mints)
        {
            // A rescan of blocks already read (a reorg-free node answers the same logs) adds nothing.
            Execute(
                "insert into por_token_mint (token_id, chain, contract, height, tx_hash, log_index, amount, block_time, slot) values (@t, @ch, @co, @h, @tx, @li, @a, @bt, @s) on conflict (chain, contract, tx_hash, log_index) do nothing",
                tx,
                ("@t", tokenId), ("@ch", m.Chain), ("@co", m.Contract), ("@h", m.Height), ("@tx", m.TransactionHash), ("@li", m.LogIndex), ("@a", Text(m.Amount)),
                ("@bt", UtcTime.Format(m.BlockTime)), ("@s", slot));
        }

        foreach (var s in record.Scans)
        {
            Execute(
                "insert into por_token_scan (token_id, chain, contract, scanned_to) values (@t, @ch, @co, @h) on conflict (token_id, chain, contract) do update set scanned_to = excluded.scanned_to",
                tx,
                ("@t", tokenId), ("@ch", s.Chain), ("@co", s.Contract), ("@h", s.ScannedTo));
        }
    }

    private StoredEvaluation Read(string tokenId, string slot)
    {
        DateTimeOffset at;
        int decimals, margin;
        TokenStatus status;
        BigInteger circulating, reserves;
        string? detail;
        using (var cmd = Command("select evaluated_at, decimals, status, circulating, reserves, margin_bp, detail from por_token_evaluation where token_id = @t and slot = @s", null, ("@t", tokenId), ("@s", slot)))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                throw Corrupt($"evaluation {tokenId} {slot} vanished");
            }

            at = Time(r.GetString(0));
            decimals = r.GetInt32(1);
            status = Enum<TokenStatus>(r.GetString(2));
            circulating = Amount(r.GetString(3));
            reserves = Amount(r.GetString(4));
            margin = r.GetInt32(5);
            detail = r.IsDBNull(6) ? null : r.GetString(6);
        }

        var supply = new List<SupplyReading>();
        using (var cmd = Command("select chain, contract, role, height, block_hash, block_time, total_supply, excluded, counted, failure, detail from por_token_supply where token_id = @t and slot = @s order by position", null, ("@t", tokenId), ("@s", slot)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                supply.Add(new SupplyReading(r.GetString(0), r.GetString(1), Enum<DeploymentRole>(r.GetString(2)), r.GetInt64(3), r.GetString(4), Time(r.GetString(5)),
                    Amount(r.GetString(6)), Amount(r.GetString(7)), Amount(r.GetString(8)), Enum<EvidenceFailure>(r.GetString(9)), r.GetString(10)));
            }
        }

        var evidence = new List<ReserveEvidence>();
        using (var cmd = Command("select source_id, evidence_class, amount, observed_at, reference, failure, detail from por_token_reserve where token_id = @t and slot = @s order by position", null, ("@t", tokenId), ("@s", slot)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                evidence.Add(new ReserveEvidence(r.GetString(0), Enum<EvidenceClass>(r.GetString(1)), Amount(r.GetString(2)), r.IsDBNull(3) ? null : Time(r.GetString(3)),
                    r.GetString(4), Enum<EvidenceFailure>(r.GetString(5)), r.GetString(6)));
            }
        }

        return new StoredEvaluation(Slot(slot), new TokenEvaluation(tokenId, decimals, at, supply, evidence, circulating, reserves, margin, status), detail);
    }

    private InvalidDataException Corrupt(string what) => new($"token history {Description}: stored {what} is malformed");

    private T Enum<T>(string code)
        where T : struct, System.Enum => AlertRules.TryParse<T>(code, out var v) ? v : throw Corrupt($"{typeof(T).Name} '{code}'");

    private MonitorSlot Slot(string key) => MonitorSlot.TryParse(key, out var s) ? s : throw Corrupt($"slot '{key}'");

    private DateTimeOffset Time(string text) => UtcTime.TryParse(text, out var t) ? t : throw Corrupt($"time '{text}'");

    private BigInteger Amount(string text) =>
        (text.StartsWith('-') ? text[1..] : text) is { Length: > 0 } digits && digits.All(char.IsAsciiDigit)
        && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw Corrupt($"amount '{text}'");

    private DbCommand Command(string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters) => HistoryDatabase.Command(_connection, sql, tx, parameters);

    private void Execute(string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters) => HistoryDatabase.Execute(_connection, sql, tx, parameters);

    private object? Scalar(string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters) => HistoryDatabase.Scalar(_connection, sql, tx, parameters);
}
