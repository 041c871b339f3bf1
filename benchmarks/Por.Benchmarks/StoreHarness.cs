// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Por.Benchmarks;

/// <summary>
/// The store decision, measured: inserting N customer records (16-byte key, leaf index, 32-byte salt) into SQLite
/// (one transaction, prepared statement, WITHOUT ROWID, keys inserted in sorted order — SQLite's best case) against
/// writing the same records to a flat file, in one run on one machine.
/// </summary>
internal static class StoreHarness
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var records = new byte[n * 48];
        RandomNumberGenerator.Fill(records);
        var dir = Directory.CreateTempSubdirectory("por-store-").FullName;
        try
        {
            var sw = Stopwatch.StartNew();
            using (var f = new FileStream(Path.Combine(dir, "flat.bin"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                for (var i = 0; i < n; i++)
                {
                    f.Write(records, i * 48, 48);
                }
            }

            var flat = sw.Elapsed.TotalSeconds;
            SQLitePCL.Batteries_V2.Init();
            sw.Restart();
            using (var db = new SqliteConnection($"Data Source={Path.Combine(dir, "store.sqlite")}"))
            {
                db.Open();
                using (var pragma = db.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE TABLE accounts(key BLOB PRIMARY KEY, leaf INTEGER NOT NULL, salt BLOB NOT NULL) WITHOUT ROWID;";
                    pragma.ExecuteNonQuery();
                }

                using var tx = db.BeginTransaction();
                using var insert = db.CreateCommand();
                insert.CommandText = "INSERT INTO accounts VALUES ($k, $l, $s)";
                var k = insert.Parameters.Add("$k", SqliteType.Blob);
                var l = insert.Parameters.Add("$l", SqliteType.Integer);
                var s = insert.Parameters.Add("$s", SqliteType.Blob);
                insert.Prepare();
                for (var i = 0; i < n; i++)
                {
                    var key = new byte[16];
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(key, i);
                    k.Value = key;
                    l.Value = i;
                    s.Value = records.AsSpan((i * 48) + 16, 32).ToArray();
                    insert.ExecuteNonQuery();
                }

                tx.Commit();
            }

            Console.WriteLine($"{n:N0} customer records: flat file {flat:F2} s, SQLite {sw.Elapsed.TotalSeconds:F2} s");
        }
        finally
        {
            Directory.Delete(dir, true);
        }

        return 0;
    }
}
