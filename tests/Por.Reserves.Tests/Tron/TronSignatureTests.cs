// SPDX-License-Identifier: Apache-2.0

using Por.Crypto.Native;
using Por.Reserves.Evm;
using Por.Reserves.Ownership;
using Por.Reserves.Tron;

namespace Por.Reserves.Tests.Tron;

public sealed class TronSignatureTests
{
    private const string DevKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string Address = "TYBNgWfhGuNzdLtjKtxXTfskAhTbMcqbaG";
    private const string V2Signature = "0xf33d1e0bd199b1dae1253ccbef8b6f62552346cec5262dbbfdd6d428e1bb4a6a5fac0a6db388570ffb8ab7cbd9616ade4843fc25668b360634217cd6365ca5721b";

    [Fact]
    public void FormatAddress_AnvilDevKey_MatchesEvmTwin()
    {
        var evm = EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(Convert.FromHexString(DevKey), compressed: false));
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", EvmAddress.ToChecksum(evm));
        Assert.Equal(Address, TronSignature.FormatAddress(evm));
    }

    [Fact]
    public void Verify_TronWebV2Vector_Valid() =>
        Assert.True(TronSignature.Verify(Address, "I am a PoR test address", V2Signature, v2: true).IsValid);

    [Fact]
    public void Verify_V2SignatureCheckedAsV1_Invalid() =>
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, TronSignature.Verify(Address, "I am a PoR test address", V2Signature, v2: false).Failure);

    [Fact]
    public void Verify_V1SignedByUs_ValidOnlyAsV1()
    {
        var digest = TronSignature.V1Hash("round 7"u8);
        var (signature, recoveryId) = Secp256k1.SignRecoverable(digest, Convert.FromHexString(DevKey));
        var hex = "0x" + Convert.ToHexStringLower([.. signature, (byte)(27 + recoveryId)]);
        Assert.True(TronSignature.Verify(Address, "round 7", hex, v2: false).IsValid);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, TronSignature.Verify(Address, "round 7", hex, v2: true).Failure);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, TronSignature.Verify(Address, "round 8", hex, v2: false).Failure);
    }

    [Theory]
    [InlineData("TYBNgWfhGuNzdLtjKtxXTfskAhTbMcqbaH")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("15CRxFdyRpGZLW9w8HnHvVduizdL5jKNbs")]
    public void Verify_BadChecksumOrForeignAddress_AddressMalformed(string address) =>
        Assert.Equal(OwnershipFailure.AddressMalformed, TronSignature.Verify(address, "I am a PoR test address", V2Signature, v2: true).Failure);
}
