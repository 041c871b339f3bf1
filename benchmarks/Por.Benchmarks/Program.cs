// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Running;

namespace Por.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>round [accounts] [assets] [runs]</c> runs the end-to-end round harness (wall time and peak memory, which
    /// BenchmarkDotNet cannot measure for a minute-long job); anything else goes to BenchmarkDotNet.
    /// </summary>
    private static int Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "round", StringComparison.Ordinal))
        {
            return RoundHarness.Run(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], "store", StringComparison.Ordinal))
        {
            return StoreHarness.Run(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], "stages", StringComparison.Ordinal))
        {
            return StageHarness.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
