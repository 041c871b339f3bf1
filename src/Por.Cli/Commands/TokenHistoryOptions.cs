// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Common;
using Por.Storage;

namespace Por.Cli.Commands;

/// <summary>
/// The token history options shared by <c>por token monitor</c> (which writes the history) and <c>por token report</c>
/// (which reads it): <c>--history FILE</c> (SQLite) or <c>--history-pg CONNECTION_STRING</c> (PostgreSQL).
/// </summary>
internal sealed class TokenHistoryOptions
{
    /// <summary>The default SQLite history file.</summary>
    public const string DefaultHistory = "token-history.sqlite";

    /// <summary>Creates the two options.</summary>
    /// <param name="sqliteDescription">The description of <c>--history</c>.</param>
    public TokenHistoryOptions(string sqliteDescription)
    {
        Sqlite = new Option<string?>("--history") { Description = sqliteDescription };
        Postgres = new Option<string?>("--history-pg") { Description = "Keep the history in PostgreSQL instead (an Npgsql connection string)" };
    }

    /// <summary><c>--history FILE</c>.</summary>
    public Option<string?> Sqlite { get; }

    /// <summary><c>--history-pg CONNECTION_STRING</c>.</summary>
    public Option<string?> Postgres { get; }

    /// <summary>
    /// Opens the store the options name: PostgreSQL with <c>--history-pg</c>, else the SQLite file of <c>--history</c>
    /// (or <paramref name="defaultSqlite"/>; null: no store).
    /// </summary>
    /// <param name="sqlitePath">The value of <c>--history</c>.</param>
    /// <param name="postgres">The value of <c>--history-pg</c>.</param>
    /// <param name="defaultSqlite">The SQLite file when neither is given, or null for none.</param>
    /// <returns>The store, or null.</returns>
    /// <exception cref="InputException">Both are given, or the connection string is malformed.</exception>
    public static TokenHistoryStore? Open(string? sqlitePath, string? postgres, string? defaultSqlite)
    {
        if (sqlitePath is not null && postgres is not null)
        {
            throw new InputException("--history", 0, "", "give either --history (SQLite) or --history-pg (PostgreSQL), not both");
        }

        if (postgres is null)
        {
            return (sqlitePath ?? defaultSqlite) is { } path ? TokenHistoryStore.OpenSqlite(path) : null;
        }

        try
        {
            return TokenHistoryStore.OpenPostgres(postgres);
        }
        catch (InputException e)
        {
            // Name the flag the user typed rather than the library's description of the value.
            throw new InputException("--history-pg", 0, "", e.Reason);
        }
    }
}
