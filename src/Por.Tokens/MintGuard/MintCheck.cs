// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>The outcome of <see cref="MintRule.Evaluate"/>.</summary>
/// <param name="Decision">Allowed, or the first reason to refuse.</param>
/// <param name="Reserves">The feed's answer scaled to token decimals (rounded down); null when the rule stopped before scaling.</param>
/// <param name="Mintable">The reserves after the margin (the most the total supply may reach, capped at 2²⁵⁶ − 1); null when not computed.</param>
/// <param name="Detail">A sentence for people naming the numbers compared.</param>
public sealed record MintCheck(MintDecision Decision, BigInteger? Reserves, BigInteger? Mintable, string Detail)
{
    /// <summary>Whether the mint may proceed.</summary>
    public bool Allowed => Decision == MintDecision.Allowed;

    /// <summary>The decision's snake_case code for JSON output (<c>allowed</c>, <c>exceeds_reserves</c>, …).</summary>
    public string Code => MintRule.CodeOf(Decision);
}
