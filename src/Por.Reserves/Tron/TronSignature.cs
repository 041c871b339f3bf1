// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Crypto;
using Por.Reserves.Evm;
using Por.Reserves.Ownership;

namespace Por.Reserves.Tron;

/// <summary>TRON message signatures: v2 (TIP-191, <c>signMessageV2</c>) and v1 (legacy, over keccak256(message)).</summary>
public static class TronSignature
{
    private const string Prefix = "\u0019TRON Signed Message:\n";

    /// <summary>v2 digest: keccak256("\x19TRON Signed Message:\n" ‖ len ‖ message).</summary>
    /// <param name="message">The message bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] V2Hash(ReadOnlySpan<byte> message) => EvmSignature.PrefixedHash(Prefix, message);

    /// <summary>v1 digest: keccak256("\x19TRON Signed Message:\n32" ‖ keccak256(message)).</summary>
    /// <param name="message">The message bytes.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] V1Hash(ReadOnlySpan<byte> message) => EvmSignature.PrefixedHash(Prefix, Keccak256.Hash(message));

    /// <summary>Decodes a base58check TRON address (0x41 ‖ 20 bytes).</summary>
    /// <param name="text">e.g. "TYBNgWfhGuNzdLtjKtxXTfskAhTbMcqbaG".</param>
    /// <param name="address">The 20-byte account id.</param>
    /// <param name="error">Why decoding failed.</param>
    /// <returns>True on success.</returns>
    public static bool TryParseAddress(string text, out byte[] address, out string error)
    {
        address = [];
        error = string.Empty;
        if (!Base58.TryDecodeCheck(text ?? string.Empty, out var payload) || payload is null || payload.Length != 21 || payload[0] != 0x41)
        {
            error = "not a base58check TRON address (0x41 + 20 bytes)";
            return false;
        }

        address = payload[1..];
        return true;
    }

    /// <summary>Encodes a 20-byte account id as a TRON address.</summary>
    /// <param name="address">20 bytes.</param>
    /// <returns>The "T…" address.</returns>
    public static string FormatAddress(ReadOnlySpan<byte> address) => Base58.EncodeCheck([0x41, .. address]);

    /// <summary>Verifies a TRON signature for one header version.</summary>
    /// <param name="addressText">The T… address.</param>
    /// <param name="message">The message.</param>
    /// <param name="signatureHex">65-byte hex signature.</param>
    /// <param name="v2">True for the v2 (TIP-191) header, false for v1.</param>
    /// <returns>Valid or invalid with a reason.</returns>
    public static OwnershipResult Verify(string addressText, string message, string signatureHex, bool v2)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryParseAddress(addressText, out var address, out var error))
        {
            return OwnershipResult.Fail(OwnershipFailure.AddressMalformed, error);
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var digest = v2 ? V2Hash(bytes) : V1Hash(bytes);
        var scheme = v2 ? "TRON v2" : "TRON v1";
        if (!EvmSignature.TryRecoverAddress(digest, signatureHex, out var recovered, out _, out error))
        {
            return OwnershipResult.Fail(OwnershipFailure.SignatureMalformed, error);
        }

        return recovered.AsSpan().SequenceEqual(address)
            ? OwnershipResult.Valid($"{scheme} signature by {FormatAddress(recovered)}")
            : OwnershipResult.Fail(OwnershipFailure.KeyAddressMismatch, $"{scheme} signature recovers {FormatAddress(recovered)}, not the claimed address");
    }
}
