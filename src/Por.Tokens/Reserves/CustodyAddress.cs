// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>One custody address of a source, with its ownership proof when the issuer provides one.</summary>
/// <param name="Address">The address in the chain's native form.</param>
/// <param name="Proof">The ownership proof, or null (ownership declared, not proven).</param>
public sealed record CustodyAddress(string Address, OwnershipProof? Proof);
