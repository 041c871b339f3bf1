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
        (2, "token monitor: evaluations, supply, reserves, observations, alerts, conditions, mints, scans",
        [
            """
            create table por_token_evaluation (
              token_id text not null,
              slot text not null,
              evaluated_at text not null,
              decimals integer not null,
              status text not null,
              circulating text not null,
              reserves text not null,
              ratio_numerator text,
              ratio_denominator text,
              margin_bp integer not null,
              detail text,
              primary key (token_id, slot)
            )
            """,
            "create index por_token_evaluation_time on por_token_evaluation (token_id, evaluated_at)",
            """
            create table por_token_supply (
              token_id text not null,
              slot text not null,
              position integer not null,
              chain text not null,
              contract text not null,
              role text not null,
              height bigint not null,
              block_hash text not null,
              block_time text not null,
              total_supply text not null,
              excluded text not null,
              counted text not null,
              failure text not null,
              detail text not null,
              primary key (token_id, slot, position),
              foreign key (token_id, slot) references por_token_evaluation (token_id, slot) on delete cascade
            )
            """,
            """
            create table por_token_reserve (
              token_id text not null,
              slot text not null,
              position integer not null,
              source_id text not null,
              evidence_class text not null,
              amount text not null,
              observed_at text,
              reference text not null,
              failure text not null,
              detail text not null,
              primary key (token_id, slot, position),
              foreign key (token_id, slot) references por_token_evaluation (token_id, slot) on delete cascade
            )
            """,
            """
            create table por_token_observation (
              token_id text not null,
              slot text not null,
              chain text not null,
              contract text not null,
              property text not null,
              value text not null,
              primary key (token_id, slot, chain, contract, property),
              foreign key (token_id, slot) references por_token_evaluation (token_id, slot) on delete cascade
            )
            """,
            """
            create table por_token_alert (
              token_id text not null,
              slot text not null,
              sequence integer not null,
              kind text not null,
              state text not null,
              subject text not null,
              message text not null,
              raised_at text not null,
              delivery text not null,
              primary key (token_id, slot, sequence),
              foreign key (token_id, slot) references por_token_evaluation (token_id, slot) on delete cascade
            )
            """,
            "create index por_token_alert_delivery on por_token_alert (delivery)",
            """
            create table por_token_condition (
              token_id text not null,
              kind text not null,
              subject text not null,
              message text not null,
              primary key (token_id, kind, subject)
            )
            """,
            """
            create table por_token_mint (
              token_id text not null,
              chain text not null,
              contract text not null,
              height bigint not null,
              tx_hash text not null,
              log_index bigint not null,
              amount text not null,
              block_time text not null,
              slot text not null,
              primary key (chain, contract, tx_hash, log_index)
            )
            """,
            "create index por_token_mint_time on por_token_mint (token_id, block_time)",
            """
            create table por_token_scan (
              token_id text not null,
              chain text not null,
              contract text not null,
              scanned_to bigint not null,
              primary key (token_id, chain, contract)
            )
            """,
        ]),
    ];

    /// <summary>The newest schema version.</summary>
    public static int Latest => All[^1].Version;
}
