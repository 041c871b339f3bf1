// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>A reserve feed whose <c>decimals()</c> and <c>owner()</c> the monitor watches.</summary>
/// <param name="SourceId">The reserve source's id.</param>
/// <param name="Chain">Its chain.</param>
/// <param name="Address">The feed contract (0x-hex).</param>
public sealed record MonitorFeed(string SourceId, MonitorChain Chain, string Address);
