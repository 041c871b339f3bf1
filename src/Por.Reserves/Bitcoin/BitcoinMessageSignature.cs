// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Ownership;

namespace Por.Reserves.Bitcoin;

/// <summary>
/// Legacy Bitcoin <c>signmessage</c> signatures (BIP-137 headers 27–42 and Electrum's header-31–34-for-everything form):
/// recover the key, then derive the claimed address by the address's own type.
/// </summary>
public static class BitcoinMessageSignature
{
    /// <summary>The signed-message digest: SHA256d(varstr(magic) ‖ varstr(message)).</summary>
    /// <param name="message">The message; its UTF-8 bytes are signed as is.</param>
    /// <param name="network">Supplies the magic prefix.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] MessageHash(string message, BitcoinNetwork network)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(network);
        var magic = Encoding.UTF8.GetBytes(network.MessageMagic);
        var body = Encoding.UTF8.GetBytes(message);
        var buffer = new List<byte>(magic.Length + body.Length + 10);
        CompactSize.Write(buffer, (ulong)magic.Length);
        buffer.AddRange(magic);
        CompactSize.Write(buffer, (ulong)body.Length);
        buffer.AddRange(body);
        return BitcoinHashes.DoubleSha256(buffer.ToArray());
    }

    /// <summary>Decodes a base64 65-byte signature and recovers the signing key in the form its header names.</summary>
    /// <param name="messageHash">The digest from <see cref="MessageHash"/>.</param>
    /// <param name="signatureBase64">Strict base64 of header ‖ r ‖ s.</param>
    /// <param name="publicKey">The recovered SEC1 key (compressed iff header ≥ 31).</param>
    /// <param name="header">The header byte.</param>
    /// <param name="error">Why recovery failed.</param>
    /// <returns>True when a key was recovered.</returns>
    public static bool TryRecover(ReadOnlySpan<byte> messageHash, string signatureBase64, out byte[] publicKey, out int header, out string error)
    {
        publicKey = [];
        header = 0;
        error = string.Empty;
        Span<byte> signature = stackalloc byte[66];
        if (signatureBase64 is null || !Convert.TryFromBase64String(signatureBase64, signature, out var written))
        {
            error = "signature is not valid base64";
            return false;
        }

        if (written != 65)
        {
            error = $"signature must be 65 bytes, got {written}";
            return false;
        }

        header = signature[0];
        if (header is < 27 or > 42)
        {
            error = $"signature header {header} is outside 27..42";
            return false;
        }

        var recovered = Secp256k1.RecoverPublicKey(messageHash, signature.Slice(1, 64), (header - 27) & 3, compressed: header >= 31);
        if (recovered is null)
        {
            error = "no public key can be recovered from the signature";
            return false;
        }

        publicKey = recovered;
        return true;
    }

    /// <summary>Verifies a single-key message signature against a P2PKH, P2WPKH or P2SH-P2WPKH address.</summary>
    /// <param name="address">The decoded address.</param>
    /// <param name="network">The address's network (message magic).</param>
    /// <param name="message">The message that was signed.</param>
    /// <param name="signatureBase64">The base64 signature.</param>
    /// <returns>Valid, or invalid/inconclusive with a reason.</returns>
    public static OwnershipResult Verify(BitcoinAddress address, BitcoinNetwork network, string message, string signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Type is BitcoinAddressType.P2wsh or BitcoinAddressType.P2tr)
        {
            return OwnershipResult.Fail(OwnershipFailure.UnsupportedAddressType,
                $"{address.Type} is not a single-key address: a legacy message signature proves a key, not a script; supply the multisig script or a BIP-322 signature");
        }

        if (!TryRecover(MessageHash(message, network), signatureBase64, out var key, out var header, out var error))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, error);
        }

        var family = HeaderFamily(header);
        var keyHash = BitcoinHashes.Hash160(key);
        var expected = address.Hash.ToArray();
        switch (address.Type)
        {
            case BitcoinAddressType.P2pkh:
                if (family is HeaderKind.P2shP2wpkh or HeaderKind.P2wpkh)
                {
                    return OwnershipResult.Fail(OwnershipFailure.HeaderMismatch, $"header {header} names a segwit address but the address is P2PKH");
                }

                return CryptographicOperations.FixedTimeEquals(keyHash, expected)
                    ? OwnershipResult.Valid($"BIP-137 P2PKH signature by key {Convert.ToHexStringLower(key)}")
                    : OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, "recovered key does not hash to the P2PKH address (wrong key, wrong message, or compressed/uncompressed mismatch)");
            case BitcoinAddressType.P2wpkh:
                return VerifySegwit(header, family, HeaderKind.P2wpkh, key, keyHash, expected, "P2WPKH");
            default:
                var redeem = new byte[22];
                redeem[0] = 0x00;
                redeem[1] = 0x14;
                keyHash.CopyTo(redeem, 2);
                return VerifySegwit(header, family, HeaderKind.P2shP2wpkh, key, BitcoinHashes.Hash160(redeem), expected, "P2SH-P2WPKH");
        }
    }

    private static OwnershipResult VerifySegwit(int header, HeaderKind family, HeaderKind wanted, byte[] key, byte[] derived, byte[] expected, string typeName)
    {
        if (family == HeaderKind.Uncompressed)
        {
            return OwnershipResult.Fail(OwnershipFailure.HeaderMismatch, $"header {header} names an uncompressed key, which cannot own a {typeName} address");
        }

        if (family != wanted && family != HeaderKind.Compressed)
        {
            return OwnershipResult.Fail(OwnershipFailure.HeaderMismatch, $"header {header} names another segwit address type than {typeName}");
        }

        if (!CryptographicOperations.FixedTimeEquals(derived, expected))
        {
            return OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, $"recovered key does not derive the {typeName} address (wrong key or wrong message)");
        }

        var reason = $"BIP-137 {typeName} signature by key {Convert.ToHexStringLower(key)}";
        return family == HeaderKind.Compressed
            ? OwnershipResult.Valid(reason, $"Electrum-style header {header} (P2PKH range) accepted on a {typeName} address")
            : OwnershipResult.Valid(reason);
    }

    private static HeaderKind HeaderFamily(int header) => header switch
    {
        < 31 => HeaderKind.Uncompressed,
        < 35 => HeaderKind.Compressed,
        < 39 => HeaderKind.P2shP2wpkh,
        _ => HeaderKind.P2wpkh,
    };

    private enum HeaderKind
    {
        Uncompressed,
        Compressed,
        P2shP2wpkh,
        P2wpkh,
    }
}
