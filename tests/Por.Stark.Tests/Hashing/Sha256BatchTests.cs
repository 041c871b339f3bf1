// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Stark.Hashing;

namespace Por.Stark.Tests.Hashing;

[Trait("Category", "Simd")]
public sealed class Sha256BatchTests
{
    [Theory]
    [InlineData(1, 0, 40)]
    [InlineData(15, 0, 120)]
    [InlineData(16, 55, 56)]
    [InlineData(100, 0, 600)]
    [InlineData(1000, 0, 130)]
    [InlineData(333, 50, 70)]
    [InlineData(40, 500, 1100)]
    [InlineData(33, 977, 977)]
    [InlineData(20, 4000, 4200)]
    public void Hash_MatchesBclOnEveryLength(int count, int minLength, int maxLength)
    {
        var rng = new Random(count * 31 + minLength);
        var ends = new int[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += rng.Next(minLength, maxLength + 1);
            ends[i] = total;
        }

        var messages = new byte[total];
        rng.NextBytes(messages);
        var digests = new byte[count * 32];
        Sha256Batch.Hash(messages, ends, digests);
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(SHA256.HashData(messages.AsSpan(start, ends[i] - start)), digests.AsSpan(i * 32, 32).ToArray());
            start = ends[i];
        }
    }

    [Fact]
    public void Hash_KnownAnswer_Abc()
    {
        var messages = Enumerable.Repeat("abc"u8.ToArray(), 20).SelectMany(x => x).ToArray();
        var ends = Enumerable.Range(1, 20).Select(i => 3 * i).ToArray();
        var digests = new byte[20 * 32];
        Sha256Batch.Hash(messages, ends, digests);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digests.AsSpan(i * 32, 32)));
        }
    }
}
