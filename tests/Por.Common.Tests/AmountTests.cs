// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Por.Testing;

namespace Por.Common.Tests;

public sealed class AmountTests
{
    [Theory]
    [InlineData("0", 8, 0UL)]
    [InlineData("1", 8, 100_000_000UL)]
    [InlineData("1.5", 8, 150_000_000UL)]
    [InlineData("0.00000001", 8, 1UL)]
    [InlineData("001.10", 2, 110UL)]
    [InlineData("1.50000000000", 8, 150_000_000UL)]
    [InlineData("18446744073709551615", 0, ulong.MaxValue)]
    [InlineData("184467440737.09551615", 8, ulong.MaxValue)]
    public void TryParse_ValidDecimal_ExactBaseUnits(string text, int decimals, ulong expected)
    {
        Assert.Equal(AmountParseStatus.Ok, Amount.TryParse(Encoding.UTF8.GetBytes(text), decimals, out var units));
        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("", AmountParseStatus.Malformed)]
    [InlineData(".", AmountParseStatus.Malformed)]
    [InlineData("1.", AmountParseStatus.Malformed)]
    [InlineData(".5", AmountParseStatus.Malformed)]
    [InlineData("1e5", AmountParseStatus.Malformed)]
    [InlineData("+1", AmountParseStatus.Malformed)]
    [InlineData(" 1", AmountParseStatus.Malformed)]
    [InlineData("1 ", AmountParseStatus.Malformed)]
    [InlineData("1,5", AmountParseStatus.Malformed)]
    [InlineData("1.2.3", AmountParseStatus.Malformed)]
    [InlineData("0x10", AmountParseStatus.Malformed)]
    [InlineData("NaN", AmountParseStatus.Malformed)]
    [InlineData("-", AmountParseStatus.Malformed)]
    [InlineData("-1", AmountParseStatus.Negative)]
    [InlineData("-0.5", AmountParseStatus.Negative)]
    [InlineData("1.000000001", AmountParseStatus.TooManyDecimals)]
    [InlineData("18446744073709551616", AmountParseStatus.Overflow)]
    [InlineData("184467440737.09551616", AmountParseStatus.Overflow)]
    [InlineData("99999999999999999999999", AmountParseStatus.Overflow)]
    public void TryParse_Invalid_ReportsWhy(string text, AmountParseStatus expected)
    {
        Assert.Equal(expected, Amount.TryParse(Encoding.UTF8.GetBytes(text), 8, out _));
    }

    [Theory]
    [InlineData(0UL, 8, "0")]
    [InlineData(1UL, 8, "0.00000001")]
    [InlineData(150_000_000UL, 8, "1.5")]
    [InlineData(42UL, 0, "42")]
    [InlineData(ulong.MaxValue, 18, "18.446744073709551615")]
    public void Format_BaseUnits_Canonical(ulong units, int decimals, string expected) => Assert.Equal(expected, Amount.Format(units, decimals));

    [Theory]
    [InlineData("1.50", 8)]
    [InlineData("01", 8)]
    [InlineData("1.0", 8)]
    [InlineData("-1", 8)]
    public void TryParseCanonical_NonCanonicalSpelling_Rejected(string text, int decimals) => Assert.False(Amount.TryParseCanonical(text, decimals, out _));

    [Fact]
    public void FormatThenParse_RoundTrips_AgainstBigIntegerOracle()
    {
        Prop.ForAll<ulong, byte>((units, d) =>
        {
            var decimals = d % 19;
            var text = Amount.Format(units, decimals);
            var oracle = BigInteger.Parse(text.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
                * BigInteger.Pow(10, decimals - (text.Contains('.', StringComparison.Ordinal) ? text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 : 0));
            return Amount.TryParse(Encoding.UTF8.GetBytes(text), decimals, out var back) == AmountParseStatus.Ok
                && back == units && oracle == units && Amount.TryParseCanonical(text, decimals, out _);
        }).Check(Seeded.Config(500));
    }
}
