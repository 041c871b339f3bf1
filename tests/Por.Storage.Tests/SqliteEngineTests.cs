// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Microsoft.Data.Sqlite;
using Por.Testing;

namespace Por.Storage.Tests;

public sealed class SqliteEngineTests
{
    /// <summary>
    /// The history store runs on the SQLite that SQLitePCLRaw.bundle_e_sqlite3 ships (3.53 with bundle 3.0.5), not the
    /// 2021 engine (3.35.5) of bundle 2.0.6, and loads it from the app's folder, not from the system.
    /// </summary>
    [Fact]
    public void OpenSqlite_BundledEngine_CurrentAndFromAppFolder()
    {
        using var dir = new TempDirectory();
        using (RoundHistoryStore.OpenSqlite(dir.File("h.sqlite")))
        {
        }

        using var connection = new SqliteConnection($"Data Source={dir.File("h.sqlite")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var version = Version.Parse(Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!);
        Assert.True(version >= new Version(3, 53), $"SQLite {version} is older than the pinned bundle's 3.53");

        if (OperatingSystem.IsLinux())
        {
            var mapped = File.ReadAllLines("/proc/self/maps")
                .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5].Trim()).StartsWith("libe_sqlite3", StringComparison.Ordinal))
                .Select(fields => fields[5].Trim())
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            Assert.NotEmpty(mapped);
            Assert.All(mapped, p => Assert.StartsWith(AppContext.BaseDirectory, p, StringComparison.Ordinal));
        }
    }
}
