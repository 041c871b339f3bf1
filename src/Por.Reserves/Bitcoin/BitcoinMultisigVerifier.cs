// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Ownership;

namespace Por.Reserves.Bitcoin;

/// <summary>
/// m-of-n P2SH / P2WSH / P2SH-P2WSH ownership from legacy message signatures: the script must hash to the address,
/// every signature must recover a key of the script, and m <em>distinct</em> script keys must have signed.
/// (OKX's verifier counts two signatures by one key twice; this one does not.)
/// </summary>
public static class BitcoinMultisigVerifier
{
    /// <summary>Verifies a multisig row.</summary>
    /// <param name="address">The P2SH or P2WSH address.</param>
    /// <param name="network">Message magic.</param>
    /// <param name="message">The signed message.</param>
    /// <param name="script">The redeem / witness script.</param>
    /// <param name="signaturesBase64">The signatures, one per signing key.</param>
    /// <returns>Valid when at least m distinct script keys signed.</returns>
    public static OwnershipResult Verify(BitcoinAddress address, BitcoinNetwork network, string message, ReadOnlySpan<byte> script, IReadOnlyList<string> signaturesBase64)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(signaturesBase64);
        if (!MultisigScript.TryParse(script, out var multisig, out var parseError) || multisig is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedScript, $"unsupported redeem/witness script: {parseError}");
        }

        if (!multisig.MatchesAddress(address, out var wrapping))
        {
            return OwnershipResult.Fail(OwnershipFailure.ScriptAddressMismatch, "the script does not hash to the address (checked P2SH, P2SH-P2WSH and P2WSH)");
        }

        var hash = BitcoinMessageSignature.MessageHash(message, network);
        var signers = new HashSet<int>();
        for (var i = 0; i < signaturesBase64.Count; i++)
        {
            if (!BitcoinMessageSignature.TryRecover(hash, signaturesBase64[i], out var key, out _, out var error))
            {
                return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, $"signature {i + 1}: {error}");
            }

            var index = IndexOfKey(multisig, key);
            if (index < 0)
            {
                return OwnershipResult.Fail(OwnershipFailure.SignerNotAuthorized, $"signature {i + 1} recovers key {Convert.ToHexStringLower(key)}, which is not in the script");
            }

            if (!signers.Add(index))
            {
                return OwnershipResult.Fail(OwnershipFailure.DuplicateSigner, $"signature {i + 1} repeats script key {index + 1}: m distinct keys are required");
            }
        }

        if (signers.Count < multisig.Required)
        {
            return OwnershipResult.Fail(OwnershipFailure.ThresholdNotMet, $"{signers.Count} distinct script key(s) signed; the script requires {multisig.Required} of {multisig.Keys.Count}");
        }

        return OwnershipResult.Valid($"{signers.Count} distinct keys of a {multisig.Required}-of-{multisig.Keys.Count} {wrapping} script signed");
    }

    private static int IndexOfKey(MultisigScript multisig, byte[] key)
    {
        for (var i = 0; i < multisig.Keys.Count; i++)
        {
            if (multisig.Keys[i].AsSpan().SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }
}
