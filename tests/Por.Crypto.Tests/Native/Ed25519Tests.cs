// SPDX-License-Identifier: Apache-2.0

using Por.Crypto.Native;
using Por.Testing;

namespace Por.Crypto.Tests.Native;

public sealed class Ed25519Tests
{
    public static TheoryData<string, string, string, string> Rfc8032()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var v in TestData.Json("vectors/ed25519.json").GetProperty("rfc8032_section_7_1").GetProperty("vectors").EnumerateArray())
        {
            data.Add(v.GetProperty("secret_key").GetString()!, v.GetProperty("public_key").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("signature").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string, string> Rejects()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in TestData.Json("vectors/ed25519.json").GetProperty("reject_cases").GetProperty("vectors").EnumerateArray())
        {
            data.Add(v.GetProperty("public_key").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("signature").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rfc8032))]
    public void SignVerify_Rfc8032_MatchesAndVerifies(string seed, string publicKey, string message, string signature)
    {
        var (sig, pub) = Ed25519.Sign(Convert.FromHexString(seed), Convert.FromHexString(message));
        Assert.Equal(publicKey, Convert.ToHexStringLower(pub));
        Assert.Equal(signature, Convert.ToHexStringLower(sig));
        Assert.True(Ed25519.Verify(Convert.FromHexString(message), sig, pub));
        sig[0] ^= 1;
        Assert.False(Ed25519.Verify(Convert.FromHexString(message), sig, pub));
    }

    [Theory]
    [MemberData(nameof(Rejects))]
    public void Verify_WycheproofReject_False(string publicKey, string message, string signature) =>
        Assert.False(Ed25519.Verify(Convert.FromHexString(message), Convert.FromHexString(signature), Convert.FromHexString(publicKey)));
}
