// SPDX-License-Identifier: Apache-2.0

using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Por.Common;

namespace Por.Storage;

/// <summary>Opening and migrating a history database (SQLite file or PostgreSQL), shared by the round and token stores.</summary>
internal static class HistoryDatabase
{
    private static readonly Lazy<bool> s_sqliteInit = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    /// <summary>Opens (creating if needed) a SQLite file with foreign keys on, and migrates it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The open connection and the file's full path.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static (DbConnection Connection, string Description) OpenSqlite(string path)
    {
        _ = s_sqliteInit.Value;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "pragma foreign_keys = on", null);
            Migrate(connection);
            return (connection, full);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException($"history database {full}: {e.Message}", e);
        }
    }

    /// <summary>Opens a PostgreSQL database and migrates it.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The open connection and <c>postgresql://host:port/database</c> (no credentials).</returns>
    /// <exception cref="IOException">The server cannot be reached or refuses.</exception>
    /// <exception cref="InputException">The connection string is malformed.</exception>
    public static (DbConnection Connection, string Description) OpenPostgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The string is user input; its text is not echoed because it may hold a password.
            throw new InputException("PostgreSQL connection string", 0, "", $"malformed: {e.Message}");
        }

        var description = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            Migrate(connection);
            return (connection, description);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            connection.Dispose();
            throw new IOException($"history database {description}: {e.Message}", e);
        }
    }

    /// <summary>Applies the migrations not yet applied, each in its own transaction.</summary>
    /// <param name="connection">The open connection.</param>
    public static void Migrate(DbConnection connection)
    {
        Execute(connection, HistoryMigrations.VersionTable, null);
        foreach (var (version, description, statements) in HistoryMigrations.All)
        {
            using var tx = connection.BeginTransaction(IsolationLevel.Serializable);
            var applied = Convert.ToInt64(Scalar(connection, "select count(*) from por_schema_version where version = @v", tx, ("@v", version)), CultureInfo.InvariantCulture);
            if (applied == 0)
            {
                foreach (var sql in statements)
                {
                    Execute(connection, sql, tx);
                }

                Execute(connection, "insert into por_schema_version (version, description) values (@v, @d)", tx, ("@v", version), ("@d", description));
            }

            tx.Commit();
        }
    }

    /// <summary>A command with parameters (null values become DBNull).</summary>
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <summary>Runs a statement.</summary>
    public static int Execute(DbConnection connection, string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(connection, sql, tx, parameters);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>Runs a query for one value.</summary>
    public static object? Scalar(DbConnection connection, string sql, DbTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(connection, sql, tx, parameters);
        return cmd.ExecuteScalar();
    }
}
