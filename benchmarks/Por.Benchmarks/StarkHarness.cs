// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Benchmarks;

/// <summary>
/// Command-line harness for the end-to-end STARK benchmark (too large for BenchmarkDotNet):
/// <c>dotnet run -c Release --project benchmarks/Por.Benchmarks -- stark-prove [log2Rows=20] [extraColumns=26] [runs=1] [options=production]</c>.
/// <c>options</c> is a comma-separated list of <c>production</c> and <c>proven128</c>, measured one after the other in
/// the same process (e.g. <c>production,proven128</c> for the side-by-side cost of the 128-bit set).
/// Prints prove time, verify time (median of 10), proof size, proven bits and the process peak working set.
/// </summary>
internal static class StarkHarness
{
    public static void Run(string[] args)
    {
        int log2 = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int extra = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 26;
        int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        string[] names = (args.Length > 4 ? args[4] : "production").Split(',');
        foreach (string name in names)
        {
            StarkOptions options = name switch
            {
                "production" => StarkOptions.Production,
                "proven128" => StarkOptions.Proven128,
                _ => throw new ArgumentException($"unknown options '{name}': expected production or proven128", nameof(args)),
            };
            Console.WriteLine($"== options {name}: {options.NumQueries} queries, blowup {options.BlowupFactor}, {options.GrindingBits} grinding bits, folding {options.FriFoldingFactor}, remainder < {options.FriRemainderMaxDegree + 1}");
            RunOne(log2, extra, runs, options);
        }

        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
    }

    private static void RunOne(int log2, int extra, int runs, StarkOptions options)
    {
        int n = 1 << log2;
        var context = new AirContext(n, options.RandomRows);
        Goldilocks[] seed = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        var result = new Goldilocks[8];
        var sw = Stopwatch.StartNew();
        TraceTable trace = WideBenchmarkAir.BuildTrace(context, extra, seed, result);
        Console.WriteLine($"trace: {n} rows x {trace.Width} columns, built in {sw.Elapsed.TotalSeconds:F1} s");
        var air = new WideBenchmarkAir(n, extra, seed, result);
        // CPU time beside wall time: on a shared machine the wall time of a phase depends on the load, its CPU time much less.
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        StarkProver.PhaseObserver = (phase, elapsed) =>
        {
            TimeSpan now = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"  {phase}: {elapsed.TotalSeconds:F2} s (CPU {(now - cpu).TotalSeconds:F2} s)");
            cpu = now;
        };
        var proveTimes = new List<double>();
        var proveCpu = new List<double>();
        byte[] proof = [];
        for (int r = 0; r < runs; r++)
        {
            sw.Restart();
            TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
            cpu = start;
            proof = StarkProver.Prove(air, trace, options);
            proveTimes.Add(sw.Elapsed.TotalSeconds);
            proveCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds);
            Console.WriteLine($"prove run {r + 1}: {sw.Elapsed.TotalSeconds:F1} s (process CPU {proveCpu[^1]:F1} s)");
            GC.Collect();
        }

        var verifyTimes = new List<double>();
        VerificationResult verification = StarkVerifier.Verify(air, proof, options);
        TimeSpan verifyStart = Process.GetCurrentProcess().TotalProcessorTime;
        for (int r = 0; r < 10; r++)
        {
            sw.Restart();
            verification = StarkVerifier.Verify(air, proof, options);
            verifyTimes.Add(sw.Elapsed.TotalMilliseconds);
        }

        double verifyCpu = (Process.GetCurrentProcess().TotalProcessorTime - verifyStart).TotalMilliseconds / 10;
        proveCpu.Sort();
        Console.WriteLine($"prove CPU median: {proveCpu[proveCpu.Count / 2]:F1} s; verify CPU mean: {verifyCpu:F1} ms");

        proveTimes.Sort();
        verifyTimes.Sort();
        Console.WriteLine($"valid: {verification.IsValid} ({verification.Message})");
        Console.WriteLine($"prove median: {proveTimes[proveTimes.Count / 2]:F1} s over {runs} run(s)");
        Console.WriteLine($"verify median: {verifyTimes[verifyTimes.Count / 2]:F1} ms over 10 runs");
        Console.WriteLine($"proof size: {proof.Length} bytes ({proof.Length / 1024.0:F1} KiB)");
        Console.WriteLine($"security: proven {verification.Security?.ProvenBits} bits (UDR {verification.Security?.UniqueDecodingBits}, JBR {verification.Security?.JohnsonBoundBits})");
    }
}
