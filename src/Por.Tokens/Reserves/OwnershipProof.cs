// SPDX-License-Identifier: Apache-2.0

using Por.Reserves;

namespace Por.Tokens.Reserves;

/// <summary>A custody address's ownership proof: signatures over the token ownership challenge (<see cref="TokenOwnershipChallenge"/>).</summary>
/// <param name="Scheme">The scheme, as por's reserves verifier names it (bip137, bip322, btc-multisig, eip191-text, eip191-hash32, eip712, eip1271).</param>
/// <param name="Signatures">The signature(s): one, or one per key of a multisig script.</param>
/// <param name="Script">The redeem or witness script (hex) of a btc-multisig address, else null.</param>
public sealed record OwnershipProof(SignatureScheme Scheme, IReadOnlyList<string> Signatures, string? Script);
