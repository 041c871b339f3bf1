// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Reserves.Solana;
using Por.Reserves.Tron;

namespace Por.Reserves;

/// <summary>Dispatches a row to the verifier of its one scheme. Unknown chains and unsupported schemes fail closed.</summary>
public static class OwnershipVerifier
{
    /// <summary>Verifies schemes that need no node (everything except eip1271 and safe-owners).</summary>
    /// <param name="row">The row.</param>
    /// <param name="message">The message to check the signature against.</param>
    /// <returns>The result, or null when the scheme needs on-chain reads (<see cref="VerifyContractWalletAsync"/>).</returns>
    public static OwnershipResult? Verify(ReserveRow row, string message)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(message);
        switch (row.Scheme)
        {
            case SignatureScheme.Bip137:
            case SignatureScheme.Bip322:
            case SignatureScheme.BitcoinMultisig:
                return VerifyBitcoin(row, message);
            case SignatureScheme.Eip191Text:
            case SignatureScheme.Eip191Hash32:
            case SignatureScheme.Eip712:
                return VerifyEvm(row, message);
            case SignatureScheme.TronV1:
            case SignatureScheme.TronV2:
                return Single(row) ?? TronSignature.Verify(row.Address, message, row.Signatures[0], row.Scheme == SignatureScheme.TronV2);
            case SignatureScheme.SolanaRaw:
            case SignatureScheme.SolanaOffchainV0:
            case SignatureScheme.SolanaOffchainV1:
            case SignatureScheme.SolanaOkx:
                var framing = row.Scheme switch
                {
                    SignatureScheme.SolanaRaw => SolanaMessageFraming.Raw,
                    SignatureScheme.SolanaOffchainV0 => SolanaMessageFraming.OffchainV0,
                    SignatureScheme.SolanaOffchainV1 => SolanaMessageFraming.OffchainV1,
                    _ => SolanaMessageFraming.Okx,
                };
                return Single(row) ?? SolanaSignature.Verify(row.Address, message, row.Signatures[0], framing);
            case SignatureScheme.Eip1271:
            case SignatureScheme.SafeOwners:
                return null;
            default:
                return OwnershipResult.Fail(OwnershipFailure.UnsupportedChain, $"unsupported chain or scheme for network '{row.Chain}': this verifier cannot check it, so it does not count");
        }
    }

    /// <summary>Verifies a contract-wallet row (eip1271 or safe-owners) with on-chain reads at the snapshot block.</summary>
    /// <param name="row">The row.</param>
    /// <param name="message">The message.</param>
    /// <param name="reader">The chain's contract reader, or null when no EVM node is configured.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public static async Task<OwnershipResult> VerifyContractWalletAsync(ReserveRow row, string message, IEvmContractWalletReader? reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (reader is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.NodeNotConfigured, $"{SignatureSchemeNames.ToName(row.Scheme)} needs on-chain reads but no EVM node is configured for chain '{row.Chain}'");
        }

        if (!EvmAddress.TryParse(row.Address, out _, out var addressError))
        {
            return OwnershipResult.Fail(OwnershipFailure.AddressMalformed, addressError);
        }

        try
        {
            return row.Scheme == SignatureScheme.Eip1271
                ? await VerifyEip1271Async(row, message, reader, cancellationToken).ConfigureAwait(false)
                : await VerifySafeAsync(row, message, reader, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException ex)
        {
            return OwnershipResult.Fail(OwnershipFailure.NodeUnavailable, $"node error ({ex.Kind}) while checking the contract wallet: {ex.Message}");
        }
    }

    private static async Task<OwnershipResult> VerifyEip1271Async(ReserveRow row, string message, IEvmContractWalletReader reader, CancellationToken cancellationToken)
    {
        if (Single(row) is { } error)
        {
            return error;
        }

        var signatureHex = row.Signatures[0].StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? row.Signatures[0][2..] : row.Signatures[0];
        if (signatureHex.Length % 2 != 0 || !signatureHex.All(Uri.IsHexDigit))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "EIP-1271 signature must be hex");
        }

        var hash = EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(message));
        var signature = Convert.FromHexString(signatureHex);
        var valid = await reader.IsValidSignatureAsync(row.Address, hash, signature, row.SnapshotHeight, row.SnapshotBlockHash, cancellationToken).ConfigureAwait(false);
        if (!valid)
        {
            return OwnershipResult.Fail(OwnershipFailure.ContractRejected, "EIP-1271 isValidSignature did not return exactly 0x1626ba7e (reverted, short or other value)");
        }

        // A contract that says yes to everything proves nothing: at the same block, ask it about a fresh random hash
        // (unpredictable, so the contract cannot special-case it) with the declared signature, with random bytes and
        // with no signature at all. An honest wallet answers non-magic to all three.
        foreach (var (probe, what) in Probes(signature))
        {
            var probeHash = RandomNumberGenerator.GetBytes(32);
            if (await reader.IsValidSignatureAsync(row.Address, probeHash, probe, row.SnapshotHeight, row.SnapshotBlockHash, cancellationToken).ConfigureAwait(false))
            {
                return OwnershipResult.Fail(OwnershipFailure.ContractAcceptsAnySignature, $"EIP-1271 isValidSignature also returned the magic value for a random hash with {what} at block {row.SnapshotHeight}: the contract accepts signatures it cannot have been given, so its answer proves no control");
            }
        }

        return OwnershipResult.Valid($"EIP-1271 isValidSignature returned the magic value at block {row.SnapshotHeight}, and not for a random hash");
    }

    // The three probes of an accepted EIP-1271 signature, each sent with its own random hash.
    private static (byte[] Signature, string What)[] Probes(byte[] declared) =>
    [
        (declared, "the declared signature"),
        (RandomNumberGenerator.GetBytes(65), "a random 65-byte signature"),
        ([], "an empty signature"),
    ];

    private static async Task<OwnershipResult> VerifySafeAsync(ReserveRow row, string message, IEvmContractWalletReader reader, CancellationToken cancellationToken)
    {
        if (row.Owners.Count == 0 || row.Owners.Count != row.Signatures.Count)
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureCountMismatch, "safe-owners needs one owner address per signature");
        }

        var (owners, threshold) = await reader.ReadSafeOwnersAsync(row.Address, row.SnapshotHeight, row.SnapshotBlockHash, cancellationToken).ConfigureAwait(false);
        if (threshold < 1 || threshold > owners.Count)
        {
            return OwnershipResult.Fail(OwnershipFailure.ThresholdInvalid, $"on-chain threshold {threshold} is not within 1..{owners.Count}");
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var digest = row.OwnerScheme == SignatureScheme.Eip191Hash32 ? EvmSignature.Hash32MessageHash(bytes) : EvmSignature.PersonalMessageHash(bytes);
        var signers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < row.Signatures.Count; i++)
        {
            if (!EvmSignature.TryRecoverAddress(digest, row.Signatures[i], out var recovered, out _, out var error))
            {
                return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, $"owner signature {i + 1}: {error}");
            }

            if (!EvmAddress.TryParse(row.Owners[i], out var claimedOwner, out error) || !recovered.AsSpan().SequenceEqual(claimedOwner))
            {
                return OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, $"owner signature {i + 1} recovers {EvmAddress.ToChecksum(recovered)}, not the listed owner {row.Owners[i]}");
            }

            if (!owners.Any(o => o.AsSpan().SequenceEqual(recovered)))
            {
                return OwnershipResult.Fail(OwnershipFailure.SignerNotAuthorized, $"{EvmAddress.ToChecksum(recovered)} is not an owner of the wallet at block {row.SnapshotHeight}");
            }

            if (!signers.Add(Convert.ToHexStringLower(recovered)))
            {
                return OwnershipResult.Fail(OwnershipFailure.DuplicateSigner, $"owner {EvmAddress.ToChecksum(recovered)} signed more than once: distinct owners are required");
            }
        }

        return signers.Count >= threshold
            ? OwnershipResult.Valid($"{signers.Count} distinct on-chain owners signed; threshold {threshold} of {owners.Count} at block {row.SnapshotHeight}")
            : OwnershipResult.Fail(OwnershipFailure.ThresholdNotMet, $"{signers.Count} distinct owner(s) signed but the on-chain threshold is {threshold}");
    }

    private static OwnershipResult VerifyBitcoin(ReserveRow row, string message)
    {
        var network = BitcoinNetwork.FromName(row.Chain);
        if (network is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedChain, $"unknown Bitcoin-family chain '{row.Chain}' (known: bitcoin, bitcoin-testnet, litecoin, dogecoin)");
        }

        if (!BitcoinAddress.TryParse(row.Address, network, out var address, out var error) || address is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.AddressMalformed, error ?? "undecodable address");
        }

        if (row.Scheme == SignatureScheme.BitcoinMultisig)
        {
            var script = row.Script ?? string.Empty;
            if (script.Length == 0 || script.Length % 2 != 0 || !script.All(Uri.IsHexDigit))
            {
                return OwnershipResult.Fail(OwnershipFailure.DeclarationIncomplete, "btc-multisig needs the redeem/witness script as hex");
            }

            return BitcoinMultisigVerifier.Verify(address, network, message, Convert.FromHexString(script), row.Signatures);
        }

        if (Single(row) is { } single)
        {
            return single;
        }

        return row.Scheme == SignatureScheme.Bip137
            ? BitcoinMessageSignature.Verify(address, network, message, row.Signatures[0])
            : Bip322Verifier.Verify(address, message, row.Signatures[0]);
    }

    private static OwnershipResult VerifyEvm(ReserveRow row, string message)
    {
        if (Single(row) is { } single)
        {
            return single;
        }

        if (!EvmAddress.TryParse(row.Address, out var address, out var error))
        {
            return OwnershipResult.Fail(OwnershipFailure.AddressMalformed, error);
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        switch (row.Scheme)
        {
            case SignatureScheme.Eip191Text:
                return EvmSignature.VerifyDigest(EvmSignature.PersonalMessageHash(bytes), row.Signatures[0], address, "eip191-text");
            case SignatureScheme.Eip191Hash32:
                return EvmSignature.VerifyDigest(EvmSignature.Hash32MessageHash(bytes), row.Signatures[0], address, "eip191-hash32");
            default:
                if (row.ChainId is not { } chainId)
                {
                    return OwnershipResult.Fail(OwnershipFailure.DeclarationIncomplete, "eip712 rows need chainId (the EIP-712 domain's chain id)");
                }

                return EvmSignature.VerifyDigest(ChallengeTypedData.Digest(message, chainId), row.Signatures[0], address, "eip712");
        }
    }

    private static OwnershipResult? Single(ReserveRow row) =>
        row.Signatures.Count == 1 && row.Signatures[0].Length > 0
            ? null
            : OwnershipResult.Fail(OwnershipFailure.SignatureCountMismatch, $"scheme {SignatureSchemeNames.Describe(row.Scheme)} takes exactly one signature, found {row.Signatures.Count(s => s.Length > 0)}");
}
