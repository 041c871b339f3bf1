// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Crypto.Tests;

public sealed class Keccak256Tests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        var keccak = TestData.Json("vectors/hashes.json").GetProperty("keccak256");
        foreach (var v in keccak.GetProperty("basic").EnumerateArray())
        {
            data.Add(v.GetProperty("msg_hex").GetString()!, v.GetProperty("digest").GetString()!);
        }

        foreach (var v in keccak.GetProperty("long_messages").EnumerateArray())
        {
            data.Add(v.GetProperty("msg_hex").GetString()!, v.GetProperty("md").GetString()!);
        }

        foreach (var v in keccak.GetProperty("shortmsgkat_256_byte_aligned").GetProperty("entries").EnumerateArray())
        {
            data.Add(v.GetProperty("msg_hex").GetString()!, v.GetProperty("md").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hash_OfficialVector_MatchesDigest(string messageHex, string digestHex)
    {
        var digest = Keccak256.Hash(Convert.FromHexString(messageHex));
        Assert.Equal(digestHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_Empty_DiffersFromSha3()
    {
        var digest = Convert.ToHexStringLower(Keccak256.Hash([]));
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", digest);
        Assert.NotEqual("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", digest, StringComparer.Ordinal);
    }

    [Fact]
    public void Hash_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
}
