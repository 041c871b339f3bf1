// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Tokens.MintGuard;

namespace Por.Tokens.Tests.MintGuard;

/// <summary>RLP against the examples of the Ethereum wiki's RLP page and the yellow paper's length boundaries.</summary>
public sealed class RlpTests
{
    [Fact]
    public void Encodes_TheWikiExamples()
    {
        Assert.Equal("83646f67", Hex(Rlp.Bytes("dog"u8)));
        Assert.Equal("c88363617483646f67", Hex(Rlp.List(Rlp.Bytes("cat"u8), Rlp.Bytes("dog"u8))));
        Assert.Equal("80", Hex(Rlp.Bytes([])));
        Assert.Equal("c0", Hex(Rlp.List()));
        Assert.Equal("80", Hex(Rlp.Integer(0)));
        Assert.Equal("00", Hex(Rlp.Bytes([0])));
        Assert.Equal("0f", Hex(Rlp.Integer(15)));
        Assert.Equal("820400", Hex(Rlp.Integer(1024)));
        Assert.Equal("c7c0c1c0c3c0c1c0", Hex(Rlp.List(Rlp.List(), Rlp.List(Rlp.List()), Rlp.List(Rlp.List(), Rlp.List(Rlp.List())))));
        var lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
        Assert.Equal("b838" + Convert.ToHexStringLower(Encoding.ASCII.GetBytes(lorem)), Hex(Rlp.Bytes(Encoding.ASCII.GetBytes(lorem))));
    }

    [Fact]
    public void Encodes_LengthsAtThe55ByteBoundary()
    {
        Assert.Equal("b7", Hex(Rlp.Bytes(new byte[55]))[..2]);
        Assert.Equal("b838", Hex(Rlp.Bytes(new byte[56]))[..4]);
        Assert.Equal("b90100", Hex(Rlp.Bytes(new byte[256]))[..6]);
        Assert.Equal("f7", Hex(Rlp.List(Rlp.Bytes(new byte[54])))[..2]);
        Assert.Equal("f838", Hex(Rlp.List(Rlp.Bytes(new byte[55])))[..4]);
        Assert.Equal("81", Hex(Rlp.Bytes([0x80]))[..2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rlp.Integer(-1));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
