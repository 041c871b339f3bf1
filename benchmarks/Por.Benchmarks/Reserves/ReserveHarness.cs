// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Reserves;

namespace Por.Benchmarks.Reserves;

/// <summary>
/// End-to-end timing of the target: write a declaration of N signed rows to a file, then time reading it
/// and verifying every row (ownership + in-memory balances + totals). Prints each run and the median.
/// Usage: <c>dotnet run -c Release --project benchmarks/Por.Benchmarks -- reserves-harness [rows] [runs]</c>.
/// </summary>
internal static class ReserveHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var generate = Stopwatch.StartNew();
        var declaration = ReserveWorkload.Build(rows);
        var path = Path.Combine(Path.GetTempPath(), $"por-reserves-bench-{Environment.ProcessId}.json");
        await File.WriteAllBytesAsync(path, ReserveDeclarationParser.Write(declaration)).ConfigureAwait(false);
        Console.WriteLine($"generated {rows} signed rows in {generate.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1_000_000.0:F1} MB)");
        var nodes = ReserveWorkload.Nodes(declaration);
        var times = new List<double>();
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var parsed = ReserveDeclarationParser.ReadFile(path);
                var parseSeconds = watch.Elapsed.TotalSeconds;
                var result = await new ReserveVerifier(ReserveWorkload.Registry, nodes, new ReserveVerifierOptions()).VerifyAsync(parsed, CancellationToken.None).ConfigureAwait(false);
                watch.Stop();
                if (!result.AllVerified)
                {
                    Console.Error.WriteLine("not all rows verified: " + result.Rows.First(r => r.Status != RowStatus.Verified).Message);
                    return 1;
                }

                times.Add(watch.Elapsed.TotalSeconds);
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                Console.WriteLine($"run {run}: {watch.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU (read+parse {parseSeconds:F2} s; {rows / watch.Elapsed.TotalSeconds:F0} rows/s)");
            }
        }
        finally
        {
            File.Delete(path);
        }

        times.Sort();
        Console.WriteLine($"median of {runs}: {times[times.Count / 2]:F2} s for {rows} rows on {Environment.ProcessorCount} cores");
        return 0;
    }
}
