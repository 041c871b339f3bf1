// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Ownership;

namespace Por.Reserves.Solana;

/// <summary>Solana (Ed25519) ownership: address = base58 of the 32-byte public key, pure Ed25519 over framed bytes.</summary>
public static class SolanaSignature
{
    private static readonly byte[] s_signingDomain = [0xff, .. "solana offchain"u8];

    /// <summary>Builds the bytes that are signed for a framing.</summary>
    /// <param name="framing">The framing named by the row.</param>
    /// <param name="message">The message text.</param>
    /// <param name="signer">The 32-byte public key (listed as the single signer in off-chain formats).</param>
    /// <returns>The signed bytes.</returns>
    /// <exception cref="ArgumentException">The message is empty or too long for the framing.</exception>
    public static byte[] SignedBytes(SolanaMessageFraming framing, string message, ReadOnlySpan<byte> signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Encoding.UTF8.GetBytes(message);
        switch (framing)
        {
            case SolanaMessageFraming.Raw:
                return text;
            case SolanaMessageFraming.OffchainV0:
                if (text.Length is 0 or > 65535)
                {
                    throw new ArgumentException("off-chain v0 messages are 1..65535 bytes", nameof(message));
                }

                var printableAscii = text.All(b => b is >= 0x20 and <= 0x7e);
                var preambleLength = 16 + 1 + 32 + 1 + 1 + 32 + 2;
                var format = printableAscii && preambleLength + text.Length <= 1232 ? (byte)0 : preambleLength + text.Length <= 1232 ? (byte)1 : (byte)2;
                return [.. s_signingDomain, 0x00, .. new byte[32], format, 0x01, .. signer, unchecked((byte)text.Length), unchecked((byte)(text.Length >> 8)), .. text];
            case SolanaMessageFraming.OffchainV1:
                return [.. s_signingDomain, 0x01, 0x01, .. signer, .. text];
            default:
                var prefix = "OKX Signed Message:\n"u8;
                var buffer = new List<byte>(prefix.Length + text.Length + 4);
                CompactSize.Write(buffer, (ulong)prefix.Length);
                buffer.AddRange(prefix.ToArray());
                CompactSize.Write(buffer, (ulong)text.Length);
                buffer.AddRange(text);
                return [.. buffer];
        }
    }

    /// <summary>Verifies a Solana ownership signature.</summary>
    /// <param name="addressText">Base58 public key.</param>
    /// <param name="message">The message text.</param>
    /// <param name="signatureText">Base58 (or 0x-hex) 64-byte signature.</param>
    /// <param name="framing">The framing named by the row.</param>
    /// <returns>Valid or invalid with a reason.</returns>
    public static OwnershipResult Verify(string addressText, string message, string signatureText, SolanaMessageFraming framing)
    {
        if (!Base58.TryDecode(addressText ?? string.Empty, out var publicKey) || publicKey is null || publicKey.Length != 32)
        {
            return OwnershipResult.Fail(OwnershipFailure.AddressMalformed, "Solana address must be base58 of a 32-byte Ed25519 key");
        }

        if (!TryDecodeSignature(signatureText, out var signature))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, "Ed25519 signature must be 64 bytes, base58 or 0x-hex");
        }

        byte[] signed;
        try
        {
            signed = SignedBytes(framing, message, publicKey);
        }
        catch (ArgumentException ex)
        {
            return OwnershipResult.Fail(OwnershipFailure.MessageMalformed, ex.Message);
        }

        return Ed25519.Verify(signed, signature, publicKey)
            ? OwnershipResult.Valid($"Ed25519 ({framing}) signature by {addressText}")
            : OwnershipResult.Fail(OwnershipFailure.SignatureInvalid, $"Ed25519 ({framing}) signature does not verify for this address and message");
    }

    private static bool TryDecodeSignature(string? text, out byte[] signature)
    {
        signature = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var hex = text[2..];
            if (hex.Length != 128 || !hex.All(Uri.IsHexDigit))
            {
                return false;
            }

            signature = Convert.FromHexString(hex);
            return true;
        }

        if (!Base58.TryDecode(text, out var decoded) || decoded is null || decoded.Length != 64)
        {
            return false;
        }

        signature = decoded;
        return true;
    }
}
