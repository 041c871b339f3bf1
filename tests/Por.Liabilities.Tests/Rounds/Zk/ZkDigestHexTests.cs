// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Liabilities.Tests.Rounds.Zk;

public sealed class ZkDigestHexTests
{
    [Fact]
    public void Format_ElementsBigEndianInOrder_RoundTrips()
    {
        Goldilocks[] digest = [new(1), new(0x0123_4567_89ab_cdef), new(Goldilocks.Modulus - 1), Goldilocks.Zero];
        var text = ZkDigestHex.Format(digest);
        Assert.Equal("0000000000000001" + "0123456789abcdef" + "ffffffff00000000" + "0000000000000000", text);
        Assert.True(ZkDigestHex.TryParse(text, out var parsed));
        Assert.Equal(digest, parsed);
    }

    [Theory]
    [InlineData("ffffffff00000001000000000000000000000000000000000000000000000000")] // element 0 = p: not canonical
    [InlineData("0000000000000001000000000000000000000000000000000000000000000000" + "00")]
    [InlineData("000000000000000100000000000000000000000000000000000000000000000")]
    [InlineData("000000000000000100000000000000000000000000000000000000000000000A")]
    [InlineData("000000000000000100000000000000000000000000000000000000000000000g")]
    public void TryParse_NonCanonicalOrMalformed_Rejected(string text) => Assert.False(ZkDigestHex.TryParse(text, out _));
}
