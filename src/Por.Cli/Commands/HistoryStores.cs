// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Storage;

namespace Por.Cli.Commands;

/// <summary>Opens the history store named by <c>--history</c> or <c>--history-pg</c>.</summary>
internal static class HistoryStores
{
    /// <summary>The store, or null when neither flag is given.</summary>
    /// <exception cref="InputException">Both flags are given.</exception>
    public static RoundHistoryStore? Open(string? sqlitePath, string? postgres)
    {
        if (sqlitePath is not null && postgres is not null)
        {
            throw new InputException("--history", 0, "", "give either --history (SQLite) or --history-pg (PostgreSQL), not both");
        }

        return postgres is not null ? RoundHistoryStore.OpenPostgres(postgres)
            : sqlitePath is not null ? RoundHistoryStore.OpenSqlite(sqlitePath)
            : null;
    }
}
