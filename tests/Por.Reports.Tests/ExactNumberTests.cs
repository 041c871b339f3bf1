// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Por.Common;
using Por.Testing;

namespace Por.Reports.Tests;

public sealed class ExactNumberTests
{
    [Theory]
    [InlineData("99.999", 2, "99.99")]
    [InlineData("0.005", 2, "0.00")]
    [InlineData("12", 3, "12.000")]
    [InlineData("0.0000225", 7, "0.0000225")]
    [InlineData("123456789012345678901234567890.123456789012345678", 18, "123456789012345678901234567890.123456789012345678")]
    public void Format_TruncatesTowardZero_NeverRoundsUp(string text, int digits, string expected)
    {
        Assert.True(ExactNumber.TryParseDecimal(text, 18, out var value));
        Assert.Equal(expected, value.Format(digits));
    }

    [Fact]
    public void Format_Negative_TruncatesTowardZeroWithSign()
    {
        var value = ExactNumber.Create(-1, 3);
        Assert.Equal("-0.33", value.Format(2));
        Assert.Equal("0.00", ExactNumber.Create(-1, 1000).Format(2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1e5")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("0.1234567890123456789")]
    public void TryParseDecimal_NotAPlainDecimal_Rejected(string text) => Assert.False(ExactNumber.TryParseDecimal(text, 18, out _));

    [Fact]
    public void FromBaseUnits_MaxUInt128_Exact()
    {
        var value = ExactNumber.FromBaseUnits(UInt128.MaxValue, 18);
        Assert.Equal("340282366920938463463.374607431768211455", value.Format(18));
    }

    [Fact]
    public void Arithmetic_MatchesBigIntegerCrossMultiplication()
    {
        // Property: (a/b) / (c/d), d from a, rendered to 6 digits equals floor(a·d·10^6 / (b·c)) for positive inputs.
        Prop.ForAll<PositiveInt, PositiveInt, PositiveInt>((a, b, c) =>
        {
            var d = (a.Get % 97) + 1;
            var q = ExactNumber.Create(a.Get, b.Get) / ExactNumber.Create(c.Get, d);
            var expected = new BigInteger(a.Get) * d * 1_000_000 / (new BigInteger(b.Get) * c.Get);
            return q.Format(6).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0') == (expected.IsZero ? string.Empty : expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }).Check(Seeded.Config(300));
    }

    [Fact]
    public void Comparison_ExactNotApproximate()
    {
        var almost = ExactNumber.Create(999_999_999_999_999_999, 1_000_000_000_000_000_000);
        Assert.True(almost < ExactNumber.One);
        Assert.Equal("99.99", ReportFormat.Percent(almost));
        Assert.Equal("19/20", (ExactNumber.Create(95, 10) / ExactNumber.Create(10, 1)).ToFraction());
    }
}
