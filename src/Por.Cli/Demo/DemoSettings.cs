// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>What one <c>por demo</c> run does.</summary>
/// <param name="Directory">The working directory.</param>
/// <param name="Accounts">Synthetic accounts in the current round.</param>
/// <param name="AssetCount">Assets in the current round.</param>
/// <param name="Zk">Whether the rounds are zk rounds.</param>
/// <param name="Fault">A fault injected by tests.</param>
internal sealed record DemoSettings(string Directory, long Accounts, int AssetCount, bool Zk, DemoFault Fault = DemoFault.None);
