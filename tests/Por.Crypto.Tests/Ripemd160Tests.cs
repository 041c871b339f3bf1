// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Testing;

namespace Por.Crypto.Tests;

public sealed class Ripemd160Tests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        var ripemd = TestData.Json("vectors/hashes.json").GetProperty("ripemd160");
        foreach (var group in new[] { "official", "extra_bitcoin_core", "extra_nettle" })
        {
            foreach (var v in ripemd.GetProperty(group).EnumerateArray())
            {
                if (v.TryGetProperty("msg_hex", out var hex))
                {
                    data.Add(hex.GetString()!, v.GetProperty("digest").GetString()!);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hash_OfficialVector_MatchesDigest(string messageHex, string digestHex) =>
        Assert.Equal(digestHex, Convert.ToHexStringLower(Ripemd160.Hash(Convert.FromHexString(messageHex))));

    [Fact]
    public void Hash_MillionA_MatchesOfficialDigest()
    {
        var message = Encoding.ASCII.GetBytes(new string('a', 1_000_000));
        Assert.Equal("52783243c1697bdbe16d37f97f68f08325dc1528", Convert.ToHexStringLower(Ripemd160.Hash(message)));
    }

    [Fact]
    public void Hash_PaddingBoundaries_AreStable()
    {
        // 55, 56 and 64 bytes straddle the one-/two-block padding boundary.
        Assert.Equal("9b752e45573d4b39f4dbd3323cab82bf63326bfb", Convert.ToHexStringLower(Ripemd160.Hash(Encoding.ASCII.GetBytes("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))));
        Assert.Equal(20, Ripemd160.Hash(new byte[55]).Length);
        Assert.NotEqual(Ripemd160.Hash(new byte[55]), Ripemd160.Hash(new byte[56]));
    }
}
