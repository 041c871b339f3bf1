// SPDX-License-Identifier: Apache-2.0

namespace Por.Storage;

/// <summary>
/// The history schema as ordered migrations, shared verbatim by SQLite and PostgreSQL (portable SQL only: text,
/// integer, bigint; amounts are decimal strings of integer base units because they exceed 64 bits).
/// </summary>
public static class HistoryMigrations
{
    /// <summary>The version table, created before any migration runs.</summary>
    public const string VersionTable = "create table if not exists por_schema_version (version integer primary key, description text not null)";

    /// <summary>Migrations by version (1-based, applied in order, each in its own transaction).</summary>
    public static IReadOnlyList<(int Version, string Description, string[] Statements)> All { get; } =
    [
        (1, "rounds and per-asset figures",
        [
            """
            create table por_round (
              round_id text primary key,
              snapshot_time text not null,
              account_count bigint not null,
              root text not null,
              mode text not null
            )
            """,
            """
            create table por_round_asset (
              round_id text not null references por_round (round_id) on delete cascade,
              symbol text not null,
              liabilities_base text not null,
              liabilities_decimals integer not null,
              reserves_base text not null,
              reserves_decimals integer not null,
              price_usd text not null,
              primary key (round_id, symbol)
            )
            """,
            "create index por_round_time on por_round (snapshot_time)",
        ]),
    ];

    /// <summary>The newest schema version.</summary>
    public static int Latest => All[^1].Version;
}
