// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Crypto;

namespace Por.Reserves.Bitcoin;

/// <summary>Signature hashes for input 0 of a transaction whose spent output has value 0 (BIP-322's to_sign).</summary>
internal static class SignatureHasher
{
    internal const byte SighashAll = 0x01;
    internal const byte SighashDefault = 0x00;

    /// <summary>Pre-segwit sighash with SIGHASH_ALL: scriptSigs blanked, input 0 gets <paramref name="scriptCode"/>.</summary>
    internal static byte[] Legacy(BitcoinTransaction transaction, byte[] scriptCode)
    {
        var inputs = transaction.Inputs
            .Select((input, i) => input with { ScriptSig = i == 0 ? scriptCode : [], Witness = [] })
            .ToList();
        var copy = new BitcoinTransaction(transaction.Version, inputs, transaction.Outputs, transaction.LockTime);
        var serialized = new List<byte>(copy.Serialize(includeWitness: false));
        BitcoinTransaction.WriteUInt32(serialized, SighashAll);
        return BitcoinHashes.DoubleSha256(serialized.ToArray());
    }

    /// <summary>BIP-143 (segwit v0) sighash with SIGHASH_ALL for input 0 spending an amount of 0.</summary>
    internal static byte[] SegwitV0(BitcoinTransaction transaction, byte[] scriptCode)
    {
        var prevouts = new List<byte>();
        var sequences = new List<byte>();
        foreach (var input in transaction.Inputs)
        {
            BitcoinTransaction.WriteOutpoint(prevouts, input);
            BitcoinTransaction.WriteUInt32(sequences, input.Sequence);
        }

        var outputs = new List<byte>();
        foreach (var o in transaction.Outputs)
        {
            BitcoinTransaction.WriteOutput(outputs, o);
        }

        var preimage = new List<byte>(256);
        BitcoinTransaction.WriteUInt32(preimage, transaction.Version);
        preimage.AddRange(BitcoinHashes.DoubleSha256(prevouts.ToArray()));
        preimage.AddRange(BitcoinHashes.DoubleSha256(sequences.ToArray()));
        BitcoinTransaction.WriteOutpoint(preimage, transaction.Inputs[0]);
        BitcoinTransaction.WriteBytes(preimage, scriptCode);
        preimage.AddRange(new byte[8]);
        BitcoinTransaction.WriteUInt32(preimage, transaction.Inputs[0].Sequence);
        preimage.AddRange(BitcoinHashes.DoubleSha256(outputs.ToArray()));
        BitcoinTransaction.WriteUInt32(preimage, transaction.LockTime);
        BitcoinTransaction.WriteUInt32(preimage, SighashAll);
        return BitcoinHashes.DoubleSha256(preimage.ToArray());
    }

    /// <summary>BIP-341 key-path sighash (SIGHASH_DEFAULT or SIGHASH_ALL, no annex) for input 0.</summary>
    internal static byte[] Taproot(BitcoinTransaction transaction, byte[] spentScriptPubKey, byte hashType)
    {
        var prevouts = new List<byte>();
        var amounts = new List<byte>();
        var scripts = new List<byte>();
        var sequences = new List<byte>();
        foreach (var input in transaction.Inputs)
        {
            BitcoinTransaction.WriteOutpoint(prevouts, input);
            amounts.AddRange(new byte[8]);
            BitcoinTransaction.WriteBytes(scripts, spentScriptPubKey);
            BitcoinTransaction.WriteUInt32(sequences, input.Sequence);
        }

        var outputs = new List<byte>();
        foreach (var o in transaction.Outputs)
        {
            BitcoinTransaction.WriteOutput(outputs, o);
        }

        var message = new List<byte>(256) { 0x00, hashType };
        BitcoinTransaction.WriteUInt32(message, transaction.Version);
        BitcoinTransaction.WriteUInt32(message, transaction.LockTime);
        message.AddRange(SHA256.HashData(prevouts.ToArray()));
        message.AddRange(SHA256.HashData(amounts.ToArray()));
        message.AddRange(SHA256.HashData(scripts.ToArray()));
        message.AddRange(SHA256.HashData(sequences.ToArray()));
        message.AddRange(SHA256.HashData(outputs.ToArray()));
        message.Add(0x00);
        BitcoinTransaction.WriteUInt32(message, 0);
        return BitcoinHashes.TaggedHash("TapSighash", message.ToArray());
    }
}
