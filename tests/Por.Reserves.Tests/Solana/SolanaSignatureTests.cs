// SPDX-License-Identifier: Apache-2.0

using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Ownership;
using Por.Reserves.Solana;

namespace Por.Reserves.Tests.Solana;

public sealed class SolanaSignatureTests
{
    private const string Text = "I am a PoR test address";
    private const string Address = "GmaDrppBC7P5ARKV8g3djiwP89vz1jLK23V2GBjuAEGB";

    private static readonly byte[] s_seed = Enumerable.Repeat((byte)7, 32).ToArray();

    [Fact]
    public void SignedBytes_OffchainV0_MatchesReferenceLayout()
    {
        var (_, publicKey) = Ed25519.Sign(s_seed, []);
        Assert.Equal(Address, Base58.Encode(publicKey));
        var expected = "ff736f6c616e61206f6666636861696e00" + new string('0', 64) + "0001"
            + "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c" + "1700" + "4920616d206120506f5220746573742061646472657373";
        var bytes = SolanaSignature.SignedBytes(SolanaMessageFraming.OffchainV0, Text, publicKey);
        Assert.Equal(expected, Convert.ToHexStringLower(bytes));
        Assert.Equal(108, bytes.Length);
        Assert.Equal(73, SolanaSignature.SignedBytes(SolanaMessageFraming.OffchainV1, Text, publicKey).Length);
    }

    [Theory]
    [InlineData(SolanaMessageFraming.Raw)]
    [InlineData(SolanaMessageFraming.OffchainV0)]
    [InlineData(SolanaMessageFraming.OffchainV1)]
    [InlineData(SolanaMessageFraming.Okx)]
    public void Verify_SignedWithFraming_ValidOnlyUnderThatFraming(SolanaMessageFraming framing)
    {
        var (_, publicKey) = Ed25519.Sign(s_seed, []);
        var (signature, _) = Ed25519.Sign(s_seed, SolanaSignature.SignedBytes(framing, Text, publicKey));
        var encoded = Base58.Encode(signature);
        foreach (var other in Enum.GetValues<SolanaMessageFraming>())
        {
            Assert.Equal(other == framing, SolanaSignature.Verify(Address, Text, encoded, other).IsValid);
        }

        Assert.Equal(OwnershipFailure.SignatureInvalid, SolanaSignature.Verify(Address, Text + ".", encoded, framing).Failure);
        signature[10] ^= 1;
        Assert.Equal(OwnershipFailure.SignatureInvalid, SolanaSignature.Verify(Address, Text, Base58.Encode(signature), framing).Failure);
    }

    [Theory]
    [InlineData("not-base58-0OIl")]
    [InlineData("1111")]
    public void Verify_BadAddress_Invalid(string address) =>
        Assert.Equal(OwnershipFailure.AddressMalformed, SolanaSignature.Verify(address, Text, "1111", SolanaMessageFraming.Raw).Failure);
}
