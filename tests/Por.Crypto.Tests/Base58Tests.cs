// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Crypto.Tests;

public sealed class Base58Tests
{
    public static TheoryData<string, string> PlainVectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var pair in TestData.Json("vectors/bitcoin-addresses.json").GetProperty("base58").GetProperty("vectors").EnumerateArray())
        {
            data.Add(pair[0].GetString()!, pair[1].GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string> CheckValid()
    {
        var data = new TheoryData<string, string>();
        foreach (var v in TestData.Json("vectors/bitcoin-addresses.json").GetProperty("base58check").GetProperty("fixtures").GetProperty("valid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!, v.GetProperty("payload").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> CheckInvalid()
    {
        var data = new TheoryData<string>();
        foreach (var v in TestData.Json("vectors/bitcoin-addresses.json").GetProperty("base58check").GetProperty("fixtures").GetProperty("invalid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlainVectors))]
    public void EncodeDecode_CoreVector_RoundTrips(string hex, string text)
    {
        Assert.Equal(text, Base58.Encode(Convert.FromHexString(hex)));
        Assert.True(Base58.TryDecode(text, out var decoded));
        Assert.Equal(hex.ToLowerInvariant(), Convert.ToHexStringLower(decoded!));
    }

    [Theory]
    [MemberData(nameof(CheckValid))]
    public void DecodeCheck_ValidFixture_ReturnsPayload(string text, string payloadHex)
    {
        Assert.True(Base58.TryDecodeCheck(text, out var payload));
        Assert.Equal(payloadHex, Convert.ToHexStringLower(payload!));
        Assert.Equal(text, Base58.EncodeCheck(payload));
    }

    [Theory]
    [MemberData(nameof(CheckInvalid))]
    public void DecodeCheck_InvalidFixture_Fails(string text) => Assert.False(Base58.TryDecodeCheck(text, out _));

    [Theory]
    [InlineData("0OIl")]
    [InlineData(" 1")]
    [InlineData("é")]
    public void TryDecode_CharacterOutsideAlphabet_Fails(string text) => Assert.False(Base58.TryDecode(text, out _));
}
