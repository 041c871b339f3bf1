// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Crypto.Native;
using Por.Reserves.Evm;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Reserves.Tests.Evm;

public sealed class EvmSignatureTests
{
    private const string OkxAddress = "0x0cdcdb19a857c2ac24818ca4fdfe38cce071483e";
    private const string OkxSignature = "0x07f19879aa28d51c97cddfdfecffe7ed96525545d041aee4f4386b0bf4c1a26924b637fb02ccbb97305c13daa51a0f50b8896fb25ecbaf60020cde920d227a221b";

    public static TheoryData<string, string, string> PersonalSignVectors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in TestData.Json("vectors/ethereum-signatures.json").GetProperty("eip191").GetProperty("personal_sign").GetProperty("vectors").EnumerateArray())
        {
            data.Add(v.GetProperty("address").GetString()!, v.GetProperty("message_hex").GetString()!, v.GetProperty("signature").GetString()!);
        }

        return data;
    }

    [Fact]
    public void PersonalMessageHash_GethTextHash_Matches() =>
        Assert.Equal("a080337ae51c4e064c189e113edd0ba391df9206e2f49db658bb32cf2911730b", Convert.ToHexStringLower(EvmSignature.PersonalMessageHash("Hello Joe"u8)));

    [Theory]
    [MemberData(nameof(PersonalSignVectors))]
    public void VerifyDigest_EthSigUtilPersonalSign_RecoversAddress(string address, string messageHex, string signature)
    {
        Assert.True(EvmAddress.TryParse(address, out var expected, out _));
        var digest = EvmSignature.PersonalMessageHash(Convert.FromHexString(messageHex[2..]));
        Assert.True(EvmSignature.VerifyDigest(digest, signature, expected, "eip191-text").IsValid);
    }

    [Fact]
    public void VerifyDigest_OkxHash32Form_RecoversOkxAddressButTextFormDoesNot()
    {
        Assert.True(EvmAddress.TryParse(OkxAddress, out var expected, out _));
        var message = Encoding.UTF8.GetBytes("I am an OKX address");
        Assert.True(EvmSignature.VerifyDigest(EvmSignature.Hash32MessageHash(message), OkxSignature, expected, "eip191-hash32").IsValid);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, EvmSignature.VerifyDigest(EvmSignature.PersonalMessageHash(message), OkxSignature, expected, "eip191-text").Failure);
    }

    [Fact]
    public void TryRecoverAddress_GethSignatureWithRawRecoveryId_RecoversAddress()
    {
        var v = TestData.Json("vectors/ethereum-signatures.json").GetProperty("ecrecover").GetProperty("geth_signature_test");
        Assert.True(EvmSignature.TryRecoverAddress(Convert.FromHexString(v.GetProperty("msg_hash").GetString()![2..]), v.GetProperty("signature_rsv").GetString()!, out var address, out _, out _));
        Assert.Equal(v.GetProperty("expected_address").GetString(), "0x" + Convert.ToHexStringLower(address));
    }

    [Fact]
    public void FromPublicKey_GethKey_MatchesAddress()
    {
        var v = TestData.Json("vectors/ethereum-signatures.json").GetProperty("ecrecover").GetProperty("geth_key_address");
        var key = Secp256k1.CreatePublicKey(Convert.FromHexString(v.GetProperty("private_key").GetString()![2..]), compressed: false);
        Assert.Equal(v.GetProperty("address").GetString(), "0x" + Convert.ToHexStringLower(EvmAddress.FromPublicKey(key)));
    }

    [Theory]
    [InlineData(29)]
    [InlineData(2)]
    [InlineData(255)]
    public void TryRecoverAddress_BadV_Fails(byte v)
    {
        var signature = Convert.FromHexString(OkxSignature[2..]);
        signature[64] = v;
        Assert.False(EvmSignature.TryRecoverAddress(new byte[32], signature, out _, out _, out _));
    }

    [Fact]
    public void VerifyDigest_TamperedSignature_Invalid()
    {
        Assert.True(EvmAddress.TryParse(OkxAddress, out var expected, out _));
        var digest = EvmSignature.Hash32MessageHash("I am an OKX address"u8);
        var bytes = Convert.FromHexString(OkxSignature[2..]);
        for (var i = 0; i < 64; i += 5)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x10;
            var failure = EvmSignature.VerifyDigest(digest, "0x" + Convert.ToHexStringLower(tampered), expected, "x").Failure;

            // Another r or s recovers another key, or none at all.
            Assert.Contains(failure, new[] { OwnershipFailure.KeyAddressMismatch, OwnershipFailure.SignatureMalformed });
        }
    }

    [Theory]
    [InlineData("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", true)]
    [InlineData("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826", true)]
    [InlineData("0xCD2A3D9F938E13CD947EC05ABC7FE734DF8DD826", true)]
    [InlineData("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827", false)]
    [InlineData("0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", false)]
    [InlineData("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd82", false)]
    [InlineData("cd2a3d9f938e13cd947ec05abc7fe734df8dd82600", false)]
    public void TryParse_Eip55_EnforcedOnMixedCase(string text, bool expected) => Assert.Equal(expected, EvmAddress.TryParse(text, out _, out _));
}
