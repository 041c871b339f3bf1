// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reports.Prices;

namespace Por.Reports.Tests;

public sealed class PriceFileReaderTests
{
    [Fact]
    public void Parse_ValidFile_ExactDecimals()
    {
        var table = PriceFileReader.Parse("# round 2026-11\nsymbol,usd_price\r\nBTC,97250.5\nSHIB,0.0000225\n\n", "p.csv");
        Assert.Equal("97250.50", table.Find("BTC")!.Value.Format(2));
        Assert.Equal("0.0000225", table.Find("SHIB")!.Value.Format(7));
        Assert.Null(table.Find("ETH"));
    }

    [Theory]
    [InlineData("symbol,price\nBTC,1\n", 1, "header")]
    [InlineData("symbol,usd_price\nBTC,1e5\n", 2, "usd_price")]
    [InlineData("symbol,usd_price\nBTC,-1\n", 2, "usd_price")]
    [InlineData("symbol,usd_price\nBTC,0.1234567890123456789\n", 2, "usd_price")]
    [InlineData("symbol,usd_price\nBTC,1\nETH,2\nBTC,3\n", 4, "symbol")]
    [InlineData("symbol,usd_price\nB TC,1\n", 2, "symbol")]
    [InlineData("symbol,usd_price\nBTC,1,2\n", 2, "")]
    [InlineData("", 1, "header")]
    public void Parse_BadInput_NamesFileLineAndField(string text, int line, string field)
    {
        var e = Assert.Throws<InputException>(() => PriceFileReader.Parse(text, "prices.csv"));
        Assert.Equal("prices.csv", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
    }
}
