// SPDX-License-Identifier: Apache-2.0

using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Tokens.Reserves;

/// <summary>
/// Checks the ownership proofs of a custody source with por's reserves verifier (<see cref="OwnershipVerifier"/>)
/// over <see cref="TokenOwnershipChallenge"/>. Every address proven → <see cref="EvidenceClass.OnChainProvenOwnership"/>;
/// any address without a proof → <see cref="EvidenceClass.OnChainDeclared"/> (the proofs given are still checked);
/// a proof that does not verify → <see cref="EvidenceFailure.BadSignature"/>, never a silent downgrade; an evaluation
/// outside the signed period → <see cref="EvidenceFailure.Stale"/>.
/// </summary>
internal static class CustodyOwnership
{
    /// <summary>The outcome: the class the source earns, or the failure.</summary>
    internal sealed record Outcome(EvidenceClass Class, EvidenceFailure Failure, string Detail);

    public static async Task<Outcome> CheckAsync(
        IReadOnlyList<CustodyAddress> addresses,
        OwnershipPeriod? period,
        SourceReadContext context,
        string chain,
        string rowChain,
        long? chainId,
        PinnedBlock? block,
        IEvmContractWalletReader? contractReader,
        CancellationToken cancellationToken)
    {
        var proven = addresses.Count(a => a.Proof is not null);
        if (proven == 0 || period is null)
        {
            return new Outcome(EvidenceClass.OnChainDeclared, EvidenceFailure.None, "ownership declared, not proven");
        }

        if (!period.Covers(context.EvaluatedAt))
        {
            return new Outcome(EvidenceClass.OnChainProvenOwnership, EvidenceFailure.Stale,
                $"the ownership proofs are signed for {Por.Common.UtcTime.Format(period.From)} to {Por.Common.UtcTime.Format(period.Until)}, not for an evaluation at {Por.Common.UtcTime.Format(context.EvaluatedAt)}");
        }

        var message = TokenOwnershipChallenge.For(context.TokenId, chain, period);
        foreach (var address in addresses.Where(a => a.Proof is not null))
        {
            var proof = address.Proof!;
            var row = new ReserveRow
            {
                Line = 0,
                Asset = "reserve",
                Chain = rowChain,
                Address = address.Address,
                Amount = 0,
                Decimals = 0,
                SnapshotHeight = block?.Height ?? 0,
                SnapshotBlockHash = block?.Hash,
                Scheme = proof.Scheme,
                Signatures = proof.Signatures,
                Script = proof.Script,
                ChainId = chainId,
            };
            var result = OwnershipVerifier.Verify(row, message)
                ?? await OwnershipVerifier.VerifyContractWalletAsync(row, message, contractReader, cancellationToken).ConfigureAwait(false);
            if (result.Failure is OwnershipFailure.NodeUnavailable or OwnershipFailure.NodeNotConfigured)
            {
                return new Outcome(EvidenceClass.OnChainProvenOwnership, EvidenceFailure.NodeFault, $"ownership of {address.Address}: {result.Message}");
            }

            if (!result.IsValid)
            {
                return new Outcome(EvidenceClass.OnChainProvenOwnership, EvidenceFailure.BadSignature,
                    $"ownership proof of {address.Address} ({SignatureSchemeNames.ToName(proof.Scheme)}) does not verify over the token challenge: {result.Failure}: {result.Message}");
            }
        }

        return proven == addresses.Count
            ? new Outcome(EvidenceClass.OnChainProvenOwnership, EvidenceFailure.None, $"ownership of all {proven} address(es) proven for token '{context.TokenId}'")
            : new Outcome(EvidenceClass.OnChainDeclared, EvidenceFailure.None, $"ownership of {proven} of {addresses.Count} address(es) proven; the rest declared");
    }
}
