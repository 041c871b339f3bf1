// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli;

internal static class Program
{
    private static int Main(string[] args) => args.Length;
}
