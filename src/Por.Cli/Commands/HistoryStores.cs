// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Storage;

namespace Por.Cli.Commands;

/// <summary>Opens the history store named by <c>--history</c> or <c>--history-pg</c>.</summary>
internal static class HistoryStores
{
    /// <summary>The store, or null when neither flag is given.</summary>
    /// <exception cref="InputException">Both flags are given, or the PostgreSQL connection string is malformed.</exception>
    public static RoundHistoryStore? Open(string? sqlitePath, string? postgres)
    {
        if (sqlitePath is not null && postgres is not null)
        {
            throw new InputException("--history", 0, "", "give either --history (SQLite) or --history-pg (PostgreSQL), not both");
        }

        if (postgres is null)
        {
            return sqlitePath is not null ? RoundHistoryStore.OpenSqlite(sqlitePath) : null;
        }

        try
        {
            return RoundHistoryStore.OpenPostgres(postgres);
        }
        catch (InputException e)
        {
            // Name the flag the user typed rather than the library's description of the value.
            throw new InputException("--history-pg", 0, "", e.Reason);
        }
    }
}
