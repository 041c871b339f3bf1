// SPDX-License-Identifier: Apache-2.0

using Por.Crypto.Native;
using Por.Testing;

namespace Por.Crypto.Tests.Native;

public sealed class Secp256k1Tests
{
    [Fact]
    public void SignSchnorr_Bip340VectorZero_MatchesAndVerifies()
    {
        // BIP-340 test vector 0: secret key 3, aux and message all zero.
        var secret = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");
        var (signature, xonly) = Secp256k1.SignSchnorr(new byte[32], secret, null, new byte[32]);
        Assert.Equal("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9", Convert.ToHexStringLower(xonly));
        Assert.Equal("e907831f80848d1069a5371b402410364bdf1c5f8307b0084c55f1ce2dca821525f66a4a85ea8b71e482a74f382d2ce5ebeee8fdb2172f477df4900d310536c0", Convert.ToHexStringLower(signature));
        Assert.True(Secp256k1.VerifySchnorr(new byte[32], signature, xonly));
        signature[5] ^= 1;
        Assert.False(Secp256k1.VerifySchnorr(new byte[32], signature, xonly));
    }

    [Fact]
    public void VerifyCompact_HighS_Rejected()
    {
        var v = TestData.Json("vectors/ethereum-signatures.json").GetProperty("ecrecover").GetProperty("geth_high_s_reject");
        Assert.False(Secp256k1.VerifyCompact(
            Convert.FromHexString(v.GetProperty("msg_hash").GetString()![2..]),
            Convert.FromHexString(v.GetProperty("signature_rs").GetString()![2..]),
            Convert.FromHexString(v.GetProperty("pubkey_compressed").GetString()![2..])));
    }

    [Fact]
    public void RecoverPublicKey_AllZeroSignature_Null() =>
        Assert.Null(Secp256k1.RecoverPublicKey(new byte[32], new byte[64], 0, compressed: true));

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void RecoverPublicKey_BadRecoveryId_Null(int recoveryId) =>
        Assert.Null(Secp256k1.RecoverPublicKey(new byte[32], new byte[64], recoveryId, compressed: true));

    [Fact]
    public void IsValidPublicKey_NotOnCurve_False()
    {
        var key = new byte[33];
        key[0] = 0x02;
        key[32] = 0x07; // x = 7: no y with y^2 = 350 mod p? checked by libsecp256k1 either way
        Assert.False(Secp256k1.IsValidPublicKey([0x05, .. key[1..]]));
        Assert.False(Secp256k1.IsValidPublicKey(new byte[32]));
    }
}
