// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Reports.Tokens;

/// <summary>One excluded balance (a supply registry exclusion) with its AICPA classification.</summary>
/// <param name="Chain">The chain of the deployment it is held on.</param>
/// <param name="Holder">The holding address (or the registry's label for it).</param>
/// <param name="Kind">Temporarily or permanently not redeemable.</param>
/// <param name="Reason">Why (treasury, pre-mint, frozen, test, time-lock …).</param>
/// <param name="Amount">The balance at the reading's block, canonical base units.</param>
public sealed record NonRedeemableHolding(string Chain, string Holder, NonRedeemableKind Kind, string Reason, BigInteger Amount);
