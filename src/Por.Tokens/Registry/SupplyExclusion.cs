// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>A balance that is not redeemable supply: subtracted from its deployment's supply at the same block.</summary>
/// <param name="Deployment">The deployment id (one that counts in full).</param>
/// <param name="Address">The holder, lower-case 0x-hex.</param>
/// <param name="Kind">Why it is excluded.</param>
/// <param name="Reason">A sentence for readers of the report.</param>
public sealed record SupplyExclusion(string Deployment, string Address, ExclusionKind Kind, string Reason);
