// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Common;

namespace Por.Reports.Tests;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData("0", "$0.00")]
    [InlineData("0.009", "$0.00")]
    [InlineData("12.345", "$12.34")]
    [InlineData("999.99", "$999.99")]
    [InlineData("999.999", "$999.99")]
    [InlineData("1000", "$1.00K")]
    [InlineData("1009.99", "$1.00K")]
    [InlineData("1349.99", "$1.34K")]
    [InlineData("99999.99", "$99.9K")]
    [InlineData("999999.99", "$999K")]
    [InlineData("1000000", "$1.00M")]
    [InlineData("1999999.99", "$1.99M")]
    [InlineData("135999999", "$135M")]
    [InlineData("13456000000", "$13.4B")]
    [InlineData("999950000000", "$999B")] // 999.95B: truncated, never rounded up to $1.00T
    [InlineData("999999999999.99", "$999B")]
    [InlineData("1000000000000", "$1.00T")]
    [InlineData("1347517875530.42", "$1.34T")]
    [InlineData("999999999999999.99", "$999T")]
    [InlineData("1234567000000000000", "$1,234,567T")] // above $999T the T figure keeps all its digits
    public void CompactUsd_ThreeSignificantDigitsTruncated(string exact, string expected)
    {
        Assert.Equal(expected, DisplayFormat.CompactUsd(Parse(exact)));
        Assert.Equal(expected == "$0.00" ? expected : "-" + expected, DisplayFormat.CompactUsd(ExactNumber.Zero - Parse(exact)));
    }

    [Fact]
    public void CompactUsd_Negative_SignBeforeDollarAndNoMinusZero()
    {
        Assert.Equal("-$985M", DisplayFormat.CompactUsd(ExactNumber.Create(-985_700_000, 1)));
        Assert.Equal("-$2.39M", DisplayFormat.CompactUsd(ExactNumber.Create(-2_396_999, 1)));
        Assert.Equal("-$0.50", DisplayFormat.CompactUsd(ExactNumber.Create(-1, 2)));
        Assert.Equal("$0.00", DisplayFormat.CompactUsd(ExactNumber.Create(-1, 1000)));
    }

    [Fact]
    public void CompactUsd_ExactRational_NotADecimal_Truncated()
    {
        // 2/3 of a trillion = 666,666,666,666.666…: $666B, never $667B.
        Assert.Equal("$666B", DisplayFormat.CompactUsd(ExactNumber.Create(2_000_000_000_000, 3)));
    }

    [Fact]
    public void CompactUsd_NeverAboveExact_AndWithinOneUnitOfTheLastDigit()
    {
        // Exhaustive over magnitudes 10^0 … 10^20 with varied mantissas: the shown value parsed back is ≤ the exact
        // value and exceeds it by less than one unit of the last digit shown (3 significant digits: < 1%).
        var mantissas = new BigInteger[] { 1, 9, 10, 99, 100, 101, 999, 1000, 1001, 9995, 9999, 123456, 999999, 4_294_967_297 };
        for (var exponent = 0; exponent <= 20; exponent++)
        {
            foreach (var m in mantissas)
            {
                var exact = ExactNumber.Create(m * BigInteger.Pow(10, exponent), 100);
                var shown = ParseCompact(DisplayFormat.CompactUsd(exact));
                Assert.True(shown <= exact, $"{DisplayFormat.CompactUsd(exact)} > {exact.Format(2)}");
                var tolerance = exact < ExactNumber.Create(1000, 1) ? ExactNumber.Create(1, 100) : exact / ExactNumber.Create(100, 1);
                Assert.True(exact - shown < tolerance, $"{DisplayFormat.CompactUsd(exact)} too far below {exact.Format(2)}");
            }
        }
    }

    [Theory]
    [InlineData("0", 8, "0")]
    [InlineData("8974784.33189043", 8, "8,974,784")] // integer digits are never cut
    [InlineData("12.50000000", 8, "12.5")] // trailing zeros dropped
    [InlineData("1234.56789", 8, "1,234.56")] // 6 significant digits, truncated
    [InlineData("700.58199999", 8, "700.581")]
    [InlineData("123456.7", 8, "123,456")]
    [InlineData("100", 8, "100")]
    [InlineData("0.00123456789", 18, "0.00123456")] // leading zeros do not count
    [InlineData("0.00000001", 8, "0.00000001")]
    [InlineData("0.123456", 3, "0.123")] // never more fraction digits than the asset has
    [InlineData("66352797776.97", 2, "66,352,797,776")]
    [InlineData("1.999999999", 9, "1.99999")]
    public void Amount_SixSignificantDigitsTruncatedGrouped(string exact, int decimals, string expected)
    {
        Assert.Equal(expected, DisplayFormat.Amount(Parse(exact), decimals));
        Assert.Equal(expected == "0" ? "0" : "-" + expected, DisplayFormat.Amount(ExactNumber.Zero - Parse(exact), decimals));
    }

    [Theory]
    [InlineData("97250.5", "$97,250.5")]
    [InlineData("0.0000225", "$0.0000225")]
    [InlineData("1", "$1")]
    [InlineData("3421.17", "$3,421.17")]
    public void Price_GroupedNoTrailingZeros(string exact, string expected) => Assert.Equal(expected, DisplayFormat.Price(Parse(exact), 18));

    [Theory]
    [InlineData("1234567.5", "1,234,567.5")]
    [InlineData("-1234", "-1,234")]
    [InlineData("123", "123")]
    [InlineData("1000", "1,000")]
    [InlineData("0.000001", "0.000001")]
    public void Group_CommasInTheIntegerPartOnly(string plain, string expected) => Assert.Equal(expected, DisplayFormat.Group(plain));

    [Fact]
    public void Points_TruncatedDifferenceInPercentagePoints()
    {
        Assert.Equal("8.01", DisplayFormat.Points(ExactNumber.Create(105, 100), ExactNumber.Create(9_699, 10_000)));
        Assert.Equal("8.00", DisplayFormat.Points(ExactNumber.Create(105, 100), ExactNumber.Create(96_999, 100_000)));
        Assert.Equal("8.00", DisplayFormat.Points(ExactNumber.Create(96_999, 100_000), ExactNumber.Create(105, 100)));
        Assert.Equal("0.33", DisplayFormat.Points(ExactNumber.Create(1, 300), ExactNumber.Zero));
    }

    private static ExactNumber Parse(string text)
    {
        Assert.True(ExactNumber.TryParseDecimal(text, 18, out var value), text);
        return value;
    }

    // "$1,234.5K" → 1234500 (the inverse of CompactUsd for non-negative values).
    private static ExactNumber ParseCompact(string text)
    {
        var body = text.TrimStart('$').Replace(",", string.Empty, StringComparison.Ordinal);
        var scale = body[^1] switch
        {
            'K' => BigInteger.Pow(10, 3),
            'M' => BigInteger.Pow(10, 6),
            'B' => BigInteger.Pow(10, 9),
            'T' => BigInteger.Pow(10, 12),
            _ => BigInteger.One,
        };
        if (!scale.IsOne)
        {
            body = body[..^1];
        }

        Assert.True(ExactNumber.TryParseDecimal(body, 2, out var value), text);
        return value * ExactNumber.Create(scale, 1);
    }

    [Fact]
    public void ParseCompact_RoundTripsItsOwnFormat() =>
        Assert.Equal(ExactNumber.Create(1_340_000_000_000, 1), ParseCompact("$1.34T"));
}
