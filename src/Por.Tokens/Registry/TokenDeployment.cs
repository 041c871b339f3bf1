// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Registry;

/// <summary>One ERC-20 deployment of a token.</summary>
/// <param name="Id">The deployment's id (unique within the token).</param>
/// <param name="Chain">The chain name (an EVM chain of the registry).</param>
/// <param name="Contract">The token contract, lower-case 0x-hex.</param>
/// <param name="Decimals">The declared decimals: a claim, checked against <c>decimals()</c> at the pinned block.</param>
/// <param name="Role">How its supply counts.</param>
/// <param name="Escrow">For a lock-and-mint representation, the escrow that backs it; null otherwise.</param>
public sealed record TokenDeployment(string Id, string Chain, string Contract, int Decimals, DeploymentRole Role, EscrowAccount? Escrow);
