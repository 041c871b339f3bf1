// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Ownership;

namespace Por.Reserves.Evm;

/// <summary>secp256k1 signatures in the Ethereum style: 65 bytes r ‖ s ‖ v, v ∈ {27, 28} (0/1 normalised).</summary>
public static class EvmSignature
{
    private static readonly byte[] s_halfOrder = Convert.FromHexString("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0");

    /// <summary>EIP-191 version 0x45 digest: keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ message).</summary>
    /// <param name="message">The message bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] PersonalMessageHash(ReadOnlySpan<byte> message) => PrefixedHash("\u0019Ethereum Signed Message:\n", message);

    /// <summary>OKX's form: the EIP-191 digest of the 32-byte keccak256(message).</summary>
    /// <param name="message">The message bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Hash32MessageHash(ReadOnlySpan<byte> message) => PersonalMessageHash(Keccak256.Hash(message));

    /// <summary>keccak256(prefix ‖ ASCII-decimal(len) ‖ message), the shape shared by EIP-191 and TRON's TIP-191.</summary>
    /// <param name="prefix">e.g. "\x19Ethereum Signed Message:\n".</param>
    /// <param name="message">The message bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] PrefixedHash(string prefix, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var header = Encoding.ASCII.GetBytes(prefix + message.Length.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[header.Length + message.Length];
        header.CopyTo(buffer, 0);
        message.CopyTo(buffer.AsSpan(header.Length));
        return Keccak256.Hash(buffer);
    }

    /// <summary>Parses a hex 65-byte signature and recovers the signer's 20-byte address.</summary>
    /// <param name="digest">The 32-byte digest that was signed.</param>
    /// <param name="signatureHex">"0x"-prefixed or bare hex of r ‖ s ‖ v.</param>
    /// <param name="address">The recovered address.</param>
    /// <param name="highS">Whether s is in the upper half (accepted, recorded).</param>
    /// <param name="error">Why recovery failed.</param>
    /// <returns>True when an address was recovered.</returns>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> digest, string signatureHex, out byte[] address, out bool highS, out string error)
    {
        address = [];
        highS = false;
        if (!TryParseSignature(signatureHex, out var signature, out error))
        {
            return false;
        }

        return TryRecoverAddress(digest, signature, out address, out highS, out error);
    }

    /// <summary>Recovers the signer's address from a parsed 65-byte signature.</summary>
    /// <param name="digest">32 bytes.</param>
    /// <param name="signature">r ‖ s ‖ v.</param>
    /// <param name="address">The recovered address.</param>
    /// <param name="highS">Whether s is in the upper half.</param>
    /// <param name="error">Why recovery failed.</param>
    /// <returns>True when an address was recovered.</returns>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out byte[] address, out bool highS, out string error)
    {
        address = [];
        highS = false;
        error = string.Empty;
        if (signature.Length != 65)
        {
            error = $"signature must be 65 bytes, got {signature.Length}";
            return false;
        }

        int v = signature[64];
        if (v is 0 or 1)
        {
            v += 27;
        }

        if (v is not (27 or 28))
        {
            error = $"signature v = {signature[64]} is not 27/28 (or 0/1)";
            return false;
        }

        highS = signature.Slice(32, 32).SequenceCompareTo(s_halfOrder) > 0;
        var key = Secp256k1.RecoverPublicKey(digest, signature[..64], v - 27, compressed: false);
        if (key is null)
        {
            error = "no public key can be recovered from the signature";
            return false;
        }

        address = EvmAddress.FromPublicKey(key);
        return true;
    }

    /// <summary>Parses hex (with or without 0x) into exactly 65 bytes.</summary>
    /// <param name="signatureHex">The hex text.</param>
    /// <param name="signature">The bytes.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns>True on success.</returns>
    public static bool TryParseSignature(string signatureHex, out byte[] signature, out string error)
    {
        signature = [];
        error = string.Empty;
        var hex = signatureHex is not null && signatureHex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signatureHex[2..] : signatureHex;
        if (string.IsNullOrEmpty(hex) || hex.Length != 130 || !hex.All(Uri.IsHexDigit))
        {
            error = "signature must be 65 bytes of hex (r ‖ s ‖ v)";
            return false;
        }

        signature = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>Verifies that <paramref name="signatureHex"/> over <paramref name="digest"/> recovers <paramref name="expectedAddress"/>.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="signatureHex">The signature.</param>
    /// <param name="expectedAddress">The claimed 20-byte address.</param>
    /// <param name="scheme">Scheme name for the reason text.</param>
    /// <returns>Valid or invalid with a reason.</returns>
    public static OwnershipResult VerifyDigest(ReadOnlySpan<byte> digest, string signatureHex, ReadOnlySpan<byte> expectedAddress, string scheme)
    {
        if (!TryRecoverAddress(digest, signatureHex, out var recovered, out var highS, out var error))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, error);
        }

        if (!recovered.AsSpan().SequenceEqual(expectedAddress))
        {
            return OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, $"{scheme} signature recovers {EvmAddress.ToChecksum(recovered)}, not the claimed address");
        }

        var reason = $"{scheme} signature by {EvmAddress.ToChecksum(recovered)}";
        return highS ? OwnershipResult.Valid(reason, "high-S signature accepted (ecrecover semantics)") : OwnershipResult.Valid(reason);
    }
}
