// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Reserves.Evm;
using Por.Testing;

namespace Por.Reserves.Tests.Evm;

public sealed class Eip712Tests
{
    public static TheoryData<string, string, string> GethCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in TestData.Json("vectors/eip712-typed-data-geth.json").EnumerateArray())
        {
            data.Add(v.GetProperty("name").GetString()!, v.GetRawText(), v.GetProperty("digest").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GethCases))]
    public void Digest_GethTypedDataCase_Matches(string name, string json, string digest)
    {
        using var document = JsonDocument.Parse(json);
        var (_, message) = Eip712.Encode(document.RootElement);
        var encodeData = Convert.FromHexString(document.RootElement.GetProperty("encoded").GetString()![2..]);
        Assert.Equal(Convert.ToHexStringLower(Por.Crypto.Keccak256.Hash(encodeData)), Convert.ToHexStringLower(message));
        Assert.Equal(digest, "0x" + Convert.ToHexStringLower(Eip712.Digest(document.RootElement)));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Digest_EtherMail_MatchesCanonicalAndRecoversSigner()
    {
        var v = TestData.Json("vectors/ethereum-signatures.json").GetProperty("eip712").GetProperty("ether_mail");
        var typed = v.GetProperty("typed_data");
        var (domain, message) = Eip712.Encode(typed);
        Assert.Equal(v.GetProperty("domainSeparator").GetString(), "0x" + Convert.ToHexStringLower(domain));
        Assert.Equal(v.GetProperty("hashStruct_Mail").GetString(), "0x" + Convert.ToHexStringLower(message));
        var digest = Eip712.Digest(typed);
        Assert.Equal(v.GetProperty("digest").GetString(), "0x" + Convert.ToHexStringLower(digest));
        Assert.True(EvmAddress.TryParse(v.GetProperty("signer_address").GetString()!, out var signer, out _));
        Assert.True(EvmSignature.VerifyDigest(digest, v.GetProperty("signature").GetProperty("rsv_hex").GetString()!, signer, "eip712").IsValid);
    }
}
