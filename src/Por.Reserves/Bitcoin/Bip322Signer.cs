// SPDX-License-Identifier: Apache-2.0

using Por.Crypto;
using Por.Crypto.Native;

namespace Por.Reserves.Bitcoin;

/// <summary>BIP-322 simple signing for single-key Taproot (key path, no script tree): used by tests, the vector
/// generator and benchmarks to produce proofs that <see cref="Bip322Verifier"/> and other implementations check.</summary>
public static class Bip322Signer
{
    /// <summary>The BIP-341 key-path sighash (SIGHASH_DEFAULT) of the virtual to_sign transaction.</summary>
    /// <param name="address">A P2TR address.</param>
    /// <param name="message">The message.</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="ArgumentException">The address is not P2TR.</exception>
    public static byte[] TaprootKeyPathSighash(BitcoinAddress address, string message)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Type != BitcoinAddressType.P2tr)
        {
            throw new ArgumentException("A P2TR address is required.", nameof(address));
        }

        var scriptPubKey = address.ScriptPubKey();
        var toSpend = Bip322Verifier.BuildToSpend(scriptPubKey, message);
        var toSign = Bip322Verifier.BuildToSign(toSpend.Txid(), []);
        return SignatureHasher.Taproot(toSign, scriptPubKey, SignatureHasher.SighashDefault);
    }

    /// <summary>Signs a message for the P2TR address of a key (BIP-86 style output key: internal key tweaked with
    /// TapTweak(P), no script tree) and returns the address and the "smp"-prefixed simple signature.</summary>
    /// <param name="secretKey">32-byte secret key.</param>
    /// <param name="message">The message.</param>
    /// <param name="network">Network (human-readable part).</param>
    /// <returns>The address and the signature.</returns>
    /// <exception cref="ArgumentException">Invalid key or a network without segwit.</exception>
    public static (string Address, string Signature) SignTaprootKeyPath(ReadOnlySpan<byte> secretKey, string message, BitcoinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var hrp = network.Hrp ?? throw new ArgumentException("The network has no segwit addresses.", nameof(network));
        var internalKey = Secp256k1.CreateXOnlyPublicKey(secretKey);
        var tweak = BitcoinHashes.TaggedHash("TapTweak", internalKey);
        var (_, outputKey) = Secp256k1.SignSchnorr(new byte[32], secretKey, tweak, new byte[32]);
        var addressText = Bech32.EncodeSegwitAddress(hrp, 1, outputKey);
        if (!BitcoinAddress.TryParse(addressText, network, out var address, out var error) || address is null)
        {
            throw new ArgumentException(error, nameof(network));
        }

        var sighash = TaprootKeyPathSighash(address, message);
        var (signature, _) = Secp256k1.SignSchnorr(sighash, secretKey, tweak, new byte[32]);
        byte[] witness = [1, 64, .. signature];
        return (addressText, "smp" + Convert.ToBase64String(witness));
    }
}
