// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Ownership;

namespace Por.Reserves.Bitcoin;

/// <summary>
/// BIP-322 generic signed messages, "simple" (<c>smp</c> or unprefixed) and "full" (<c>ful</c>) encodings, for
/// P2WPKH, P2TR key path, P2PKH, P2SH-P2WPKH and bare multisig under P2SH / P2WSH / P2SH-P2WSH. Any other script
/// (time locks, Taproot script path) is inconclusive (<see cref="OwnershipFailure.UnsupportedScript"/>), and proof of funds (<c>pof</c>)
/// is not accepted: it needs the claimed UTXOs checked, which this verifier does not do.
/// </summary>
public static class Bip322Verifier
{
    private const string Tag = "BIP0322-signed-message";

    /// <summary>The BIP-322 message hash: tagged SHA-256 with tag "BIP0322-signed-message".</summary>
    /// <param name="message">The message.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] MessageHash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BitcoinHashes.TaggedHash(Tag, Encoding.UTF8.GetBytes(message));
    }

    /// <summary>Builds the virtual <c>to_spend</c> transaction and returns its txid in display (reversed) hex.</summary>
    /// <param name="address">The address whose script is the challenge.</param>
    /// <param name="message">The message.</param>
    /// <returns>Display-order hex txid.</returns>
    public static string ToSpendTxid(BitcoinAddress address, string message)
    {
        ArgumentNullException.ThrowIfNull(address);
        var txid = ToSpend(address.ScriptPubKey(), message).Txid();
        Array.Reverse(txid);
        return Convert.ToHexStringLower(txid);
    }

    /// <summary>Builds the unsigned virtual <c>to_sign</c> transaction and returns its txid in display hex.</summary>
    /// <param name="address">The address.</param>
    /// <param name="message">The message.</param>
    /// <returns>Display-order hex txid.</returns>
    public static string ToSignTxid(BitcoinAddress address, string message)
    {
        ArgumentNullException.ThrowIfNull(address);
        var txid = ToSign(ToSpend(address.ScriptPubKey(), message).Txid(), []).Txid();
        Array.Reverse(txid);
        return Convert.ToHexStringLower(txid);
    }

    /// <summary>Verifies a BIP-322 signature for an address and message.</summary>
    /// <param name="address">The address.</param>
    /// <param name="message">The message.</param>
    /// <param name="signature">The encoded signature (smp/ful prefix or unprefixed simple).</param>
    /// <returns>Valid, invalid or inconclusive, with a reason.</returns>
    public static OwnershipResult Verify(BitcoinAddress address, string message, string signature)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(signature))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "signature too short: empty BIP-322 signature");
        }

        if (signature.StartsWith("pof", StringComparison.Ordinal))
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedProof, "BIP-322 proof of funds (pof) is not supported: it needs each claimed UTXO checked at the snapshot");
        }

        var full = signature.StartsWith("ful", StringComparison.Ordinal);
        var prefixed = full || signature.StartsWith("smp", StringComparison.Ordinal);
        var payloadText = prefixed ? signature[3..] : signature;
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(payloadText);
        }
        catch (FormatException)
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "signature is not valid base64");
        }

        if (payload.Length == 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "signature too short");
        }

        var scriptPubKey = address.ScriptPubKey();
        var toSpend = ToSpend(scriptPubKey, message);
        if (full)
        {
            return VerifyFull(address, scriptPubKey, toSpend.Txid(), payload);
        }

        if (address.Type is BitcoinAddressType.P2pkh or BitcoinAddressType.P2sh)
        {
            return OwnershipResult.Fail(OwnershipFailure.EncodingMismatch, $"the simple encoding needs a native segwit address; {address.Type} needs the full (ful) encoding");
        }

        var offset = 0;
        if (!BitcoinTransaction.TryReadStack(payload, ref offset, out var witness) || offset != payload.Length)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "simple signature is not a well-formed witness stack");
        }

        var toSign = ToSign(toSpend.Txid(), witness);
        var result = VerifyInput(address, scriptPubKey, toSign);
        return result.IsValid && !prefixed
            ? result with { Notes = [.. result.Notes, "unprefixed signature treated as the legacy-draft simple encoding"] }
            : result;
    }

    private static OwnershipResult VerifyFull(BitcoinAddress address, byte[] scriptPubKey, byte[] toSpendTxid, byte[] payload)
    {
        if (!BitcoinTransaction.TryParse(payload, out var toSign) || toSign is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "full signature is not a well-formed transaction");
        }

        if (toSign.Inputs.Count != 1 || !toSign.Inputs[0].PreviousTxid.AsSpan().SequenceEqual(toSpendTxid) || toSign.Inputs[0].PreviousIndex != 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.MessageMismatch, "invalid signature: to_sign does not spend to_spend:0 for this address and message");
        }

        if (toSign.Outputs.Count != 1 || toSign.Outputs[0].Value != 0 || toSign.Outputs[0].ScriptPubKey is not [0x6a])
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "to_sign must have exactly one zero-value OP_RETURN output");
        }

        if (toSign.Version is not (0 or 2))
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedProof, $"to_sign version {toSign.Version} is not 0 or 2");
        }

        return VerifyInput(address, scriptPubKey, toSign);
    }

    private static OwnershipResult VerifyInput(BitcoinAddress address, byte[] scriptPubKey, BitcoinTransaction toSign)
    {
        var input = toSign.Inputs[0];
        var program = address.Hash.ToArray();
        switch (address.Type)
        {
            case BitcoinAddressType.P2wpkh:
                return input.ScriptSig.Length != 0
                    ? OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "native segwit input must have an empty scriptSig")
                    : VerifyWitnessKeyHash(toSign, input.Witness, program);
            case BitcoinAddressType.P2tr:
                return input.ScriptSig.Length != 0
                    ? OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "native segwit input must have an empty scriptSig")
                    : VerifyTaprootKeyPath(toSign, input.Witness, scriptPubKey, program);
            case BitcoinAddressType.P2wsh:
                return input.ScriptSig.Length != 0
                    ? OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "native segwit input must have an empty scriptSig")
                    : VerifyWitnessScript(toSign, input.Witness, program);
            case BitcoinAddressType.P2pkh:
                return VerifyLegacyKeyHash(toSign, input, program);
            default:
                return VerifyScriptHash(toSign, input, program);
        }
    }

    private static OwnershipResult VerifyWitnessKeyHash(BitcoinTransaction toSign, IReadOnlyList<byte[]> witness, byte[] keyHash)
    {
        if (witness.Count != 2)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, $"P2WPKH witness must hold a signature and a key, got {witness.Count} items");
        }

        var key = witness[1];
        if (key.Length != 33 || !BitcoinHashes.Hash160(key).AsSpan().SequenceEqual(keyHash))
        {
            return OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, "invalid signature: witness key does not hash to the P2WPKH program");
        }

        byte[] scriptCode = [0x76, 0xa9, 0x14, .. keyHash, 0x88, 0xac];
        return CheckEcdsa(witness[0], key, SignatureHasher.SegwitV0(toSign, scriptCode))
            ? OwnershipResult.Valid($"BIP-322 P2WPKH signature by key {Convert.ToHexStringLower(key)}")
            : OwnershipResult.Fail(OwnershipFailure.SignatureInvalid, "invalid signature (P2WPKH ECDSA check failed)");
    }

    private static OwnershipResult VerifyTaprootKeyPath(BitcoinTransaction toSign, IReadOnlyList<byte[]> witness, byte[] scriptPubKey, byte[] outputKey)
    {
        if (witness.Count != 1)
        {
            return witness.Count == 0
                ? OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "empty P2TR witness")
                : OwnershipResult.Fail(OwnershipFailure.UnsupportedScript, "Taproot script-path spends are not interpreted by this verifier");
        }

        var signature = witness[0];
        byte hashType;
        if (signature.Length == 64)
        {
            hashType = SignatureHasher.SighashDefault;
        }
        else if (signature.Length == 65 && signature[64] == SignatureHasher.SighashAll)
        {
            hashType = SignatureHasher.SighashAll;
        }
        else
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "P2TR signature must be 64 bytes (SIGHASH_DEFAULT) or 65 bytes ending in SIGHASH_ALL");
        }

        var sighash = SignatureHasher.Taproot(toSign, scriptPubKey, hashType);
        return Secp256k1.VerifySchnorr(sighash, signature.AsSpan(0, 64), outputKey)
            ? OwnershipResult.Valid($"BIP-322 P2TR key-path signature by output key {Convert.ToHexStringLower(outputKey)}")
            : OwnershipResult.Fail(OwnershipFailure.SignatureInvalid, "invalid signature (P2TR Schnorr check failed)");
    }

    private static OwnershipResult VerifyWitnessScript(BitcoinTransaction toSign, IReadOnlyList<byte[]> witness, byte[] program)
    {
        if (witness.Count == 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "empty P2WSH witness");
        }

        var witnessScript = witness[^1];
        if (!SHA256.HashData(witnessScript).AsSpan().SequenceEqual(program))
        {
            return OwnershipResult.Fail(OwnershipFailure.ScriptAddressMismatch, "invalid signature: witness script does not hash to the P2WSH program");
        }

        return VerifyMultisig(witnessScript, witness.Take(witness.Count - 1).ToList(), SignatureHasher.SegwitV0(toSign, witnessScript), "P2WSH");
    }

    private static OwnershipResult VerifyLegacyKeyHash(BitcoinTransaction toSign, TransactionInput input, byte[] keyHash)
    {
        if (input.Witness.Count != 0 || !ScriptPushes.TryParse(input.ScriptSig, out var pushes) || pushes.Count != 2)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "P2PKH scriptSig must push exactly a signature and a key, with no witness");
        }

        var key = pushes[1];
        if (!BitcoinHashes.Hash160(key).AsSpan().SequenceEqual(keyHash))
        {
            return OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, "invalid signature: scriptSig key does not hash to the P2PKH address");
        }

        byte[] scriptCode = [0x76, 0xa9, 0x14, .. keyHash, 0x88, 0xac];
        return CheckEcdsa(pushes[0], key, SignatureHasher.Legacy(toSign, scriptCode))
            ? OwnershipResult.Valid($"BIP-322 full P2PKH signature by key {Convert.ToHexStringLower(key)}")
            : OwnershipResult.Fail(OwnershipFailure.SignatureInvalid, "invalid signature (P2PKH ECDSA check failed)");
    }

    private static OwnershipResult VerifyScriptHash(BitcoinTransaction toSign, TransactionInput input, byte[] scriptHash)
    {
        if (!ScriptPushes.TryParse(input.ScriptSig, out var pushes) || pushes.Count == 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "P2SH scriptSig must be push-only and non-empty");
        }

        var redeem = pushes[^1];
        if (!BitcoinHashes.Hash160(redeem).AsSpan().SequenceEqual(scriptHash))
        {
            return OwnershipResult.Fail(OwnershipFailure.ScriptAddressMismatch, "invalid signature: redeem script does not hash to the P2SH address");
        }

        if (pushes.Count == 1 && redeem is [0x00, 0x14, ..] && redeem.Length == 22)
        {
            var inner = VerifyWitnessKeyHash(toSign, input.Witness, redeem[2..]);
            return inner.IsValid ? inner with { Message = inner.Message.Replace("P2WPKH", "P2SH-P2WPKH", StringComparison.Ordinal) } : inner;
        }

        if (pushes.Count == 1 && redeem is [0x00, 0x20, ..] && redeem.Length == 34)
        {
            var inner = VerifyWitnessScript(toSign, input.Witness, redeem[2..]);
            return inner.IsValid ? inner with { Message = inner.Message.Replace("P2WSH", "P2SH-P2WSH", StringComparison.Ordinal) } : inner;
        }

        if (input.Witness.Count != 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, "a non-segwit P2SH input must have no witness");
        }

        return VerifyMultisig(redeem, pushes.Take(pushes.Count - 1).ToList(), SignatureHasher.Legacy(toSign, redeem), "P2SH");
    }

    private static OwnershipResult VerifyMultisig(byte[] script, List<byte[]> stack, byte[] sighash, string wrapping)
    {
        if (!MultisigScript.TryParse(script, out var multisig, out var error) || multisig is null)
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedScript, $"script is not interpreted by this verifier: {error}");
        }

        // OP_CHECKMULTISIG consumes a dummy element (NULLDUMMY: empty) and exactly m signatures.
        if (stack.Count != multisig.Required + 1 || stack[0].Length != 0)
        {
            return OwnershipResult.Fail(OwnershipFailure.ProofMalformed, $"multisig stack must be an empty dummy and {multisig.Required} signatures");
        }

        // Signatures must match keys in script order, each key used at most once (CHECKMULTISIG semantics);
        // NULLFAIL: any signature that does not verify makes the proof invalid.
        var keyIndex = 0;
        for (var s = 1; s < stack.Count; s++)
        {
            var matched = false;
            while (keyIndex < multisig.Keys.Count && !matched)
            {
                matched = CheckEcdsa(stack[s], multisig.Keys[keyIndex], sighash);
                keyIndex++;
            }

            if (!matched)
            {
                return OwnershipResult.Fail(OwnershipFailure.SignatureInvalid, $"invalid signature: multisig signature {s} does not verify against the remaining script keys");
            }
        }

        return OwnershipResult.Valid($"BIP-322 {wrapping} {multisig.Required}-of-{multisig.Keys.Count} multisig signed by {multisig.Required} distinct keys");
    }

    private static bool CheckEcdsa(byte[] signatureWithHashType, byte[] publicKey, byte[] sighash)
    {
        if (signatureWithHashType.Length < 9 || signatureWithHashType[^1] != SignatureHasher.SighashAll)
        {
            return false;
        }

        return Secp256k1.VerifyDer(sighash, signatureWithHashType.AsSpan(0, signatureWithHashType.Length - 1), publicKey);
    }

    internal static BitcoinTransaction BuildToSpend(byte[] scriptPubKey, string message) => ToSpend(scriptPubKey, message);

    internal static BitcoinTransaction BuildToSign(byte[] toSpendTxid, IReadOnlyList<byte[]> witness) => ToSign(toSpendTxid, witness);

    private static BitcoinTransaction ToSpend(byte[] scriptPubKey, string message)
    {
        byte[] scriptSig = [0x00, 0x20, .. MessageHash(message)];
        var input = new TransactionInput(new byte[32], 0xFFFFFFFF, scriptSig, 0, []);
        return new BitcoinTransaction(0, [input], [new TransactionOutput(0, scriptPubKey)], 0);
    }

    private static BitcoinTransaction ToSign(byte[] toSpendTxid, IReadOnlyList<byte[]> witness)
    {
        var input = new TransactionInput(toSpendTxid, 0, [], 0, witness);
        return new BitcoinTransaction(0, [input], [new TransactionOutput(0, [0x6a])], 0);
    }
}
