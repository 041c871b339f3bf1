// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>Where the units a lock-and-mint representation stands for are locked: an address holding a full-counting deployment.</summary>
/// <param name="Deployment">The id of the deployment whose units are locked (canonical, burn-and-mint or deprecated bridge).</param>
/// <param name="Address">The escrow (bridge) address, lower-case 0x-hex, whose balance of that deployment backs the representation.</param>
public sealed record EscrowAccount(string Deployment, string Address);
