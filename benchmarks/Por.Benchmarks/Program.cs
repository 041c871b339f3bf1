// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Running;
using Por.Benchmarks.Reserves;

namespace Por.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "reserves-harness", StringComparison.Ordinal))
        {
            return await ReserveHarness.RunAsync(args).ConfigureAwait(false);
        }

        if (args.Length > 0 && string.Equals(args[0], "reserves-profile", StringComparison.Ordinal))
        {
            return SchemeProfile.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
