// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Running;

namespace Por.Benchmarks;

internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
