// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Security.Cryptography;

namespace Por.Benchmarks;

internal static class QuickProbe
{
    public static void Run()
    {
        var data = new byte[65];
        var dst = new byte[32];
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 1_000_000; i++)
            {
                SHA256.HashData(data, dst);
            }

            Console.WriteLine($"1M single-thread: {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            Parallel.For(0, 2, _ =>
            {
                var d = new byte[32];
                for (int i = 0; i < 500_000; i++)
                {
                    SHA256.HashData(data, d);
                }
            });
            Console.WriteLine($"1M two threads: {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            using var ih = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (int i = 0; i < 1_000_000; i++)
            {
                ih.AppendData(data);
                ih.GetHashAndReset(dst);
            }

            Console.WriteLine($"1M incremental reuse: {sw.ElapsedMilliseconds} ms");
        }
    }
}
