// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Running;
using Por.Benchmarks.Reserves;
using Por.Benchmarks.Tokens;

namespace Por.Benchmarks;

internal static class Program
{
    /// <summary>
    /// Harness modes for minute-long end-to-end jobs (wall time and peak memory, which BenchmarkDotNet cannot measure):
    /// <c>round [accounts] [assets] [runs]</c>, <c>store [records]</c>, <c>stages [accounts]</c>, <c>stark-prove …</c>,
    /// <c>reserves-harness …</c>, <c>reserves-profile …</c>, <c>zk-prove …</c>, <c>zk-round …</c>, <c>zk-okx …</c>, <c>token-eval [runs] [chains] [addresses]</c>, <c>snapshot [accounts] [assets] [directory]</c>. Anything else goes to BenchmarkDotNet.
    /// </summary>
    private static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "";
        switch (mode)
        {
            case "round":
                return RoundHarness.Run(args[1..]);
            case "store":
                return StoreHarness.Run(args[1..]);
            case "stages":
                return StageHarness.Run(args[1..]);
            case "stark-prove":
                StarkHarness.Run(args);
                return 0;
            case "reserves-harness":
                return await ReserveHarness.RunAsync(args).ConfigureAwait(false);
            case "reserves-profile":
                return SchemeProfile.Run(args);
            case "zk-round":
                return ZkRoundHarness.Run(args[1..]);
            case "zk-okx":
                return ZkOkxHarness.Run(args[1..]);
            case "token-eval":
                return await TokenEvalHarness.RunAsync(args[1..]).ConfigureAwait(false);
            case "snapshot":
                return SnapshotGenerator.Run(args[1..]);
            case "zk-prove":
                ZkHarness.Run(args);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
