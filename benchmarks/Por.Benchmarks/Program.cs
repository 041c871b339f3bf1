// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Running;

namespace Por.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], "stark-prove", StringComparison.Ordinal))
        {
            StarkHarness.Run(args);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
