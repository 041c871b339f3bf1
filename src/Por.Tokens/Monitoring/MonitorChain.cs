// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;

namespace Por.Tokens.Monitoring;

/// <summary>A chain the monitor reads directly (tip for the schedule, <c>decimals()</c>/<c>owner()</c>, mint logs).</summary>
/// <param name="Name">The chain's name in the supply registry.</param>
/// <param name="Node">The node's JSON-RPC transport (retries included).</param>
/// <param name="FinalityMargin">Blocks below the tip that count as final (reorg margin).</param>
public sealed record MonitorChain(string Name, HttpNodeTransport Node, int FinalityMargin);
