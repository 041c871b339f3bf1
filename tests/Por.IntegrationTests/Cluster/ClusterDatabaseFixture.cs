// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Npgsql;

namespace Por.IntegrationTests.Cluster;

/// <summary>A fresh PostgreSQL database per test (Hangfire's queues are per database), dropped afterwards.</summary>
internal sealed class ClusterDatabaseFixture : IDisposable
{
    private readonly string _admin;

    public ClusterDatabaseFixture()
    {
        string? connection = Environment.GetEnvironmentVariable("POR_TEST_PG");
        if (string.IsNullOrEmpty(connection))
        {
            RequiredTool.Missing("POR_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts a throwaway cluster and sets it)");
        }

        _admin = connection;
        Name = "por_cl_" + Guid.NewGuid().ToString("N")[..12];
        Execute($"create database {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(connection) { Database = Name }.ToString();
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public long Scalar(string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"drop database if exists {Name} with (force)");
    }

    private void Execute(string sql)
    {
        using var c = new NpgsqlConnection(_admin);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}
