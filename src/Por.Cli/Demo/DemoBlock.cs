// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>One block of a <see cref="DemoChain"/>.</summary>
/// <param name="Height">Block height.</param>
/// <param name="Hash">Block hash, 0x-prefixed lowercase hex.</param>
public sealed record DemoBlock(long Height, string Hash)
{
    /// <summary>Native balances by lowercase address.</summary>
    public SortedDictionary<string, UInt128> Native { get; } = new(StringComparer.Ordinal);

    /// <summary>Token balances: token contract → holder → amount (lowercase addresses).</summary>
    public SortedDictionary<string, SortedDictionary<string, UInt128>> Tokens { get; } = new(StringComparer.Ordinal);
}
