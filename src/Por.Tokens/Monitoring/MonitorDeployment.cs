// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>A deployment of the token whose <c>decimals()</c>, <c>owner()</c> and mints the monitor watches.</summary>
/// <param name="Chain">Its chain.</param>
/// <param name="Contract">The token contract (0x-hex).</param>
/// <param name="Decimals">The decimals the registry declares (mint amounts are scaled from them to canonical).</param>
public sealed record MonitorDeployment(MonitorChain Chain, string Contract, int Decimals);
