// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier.Tests;

/// <summary>Amounts print exactly from integer base units, with thousands separators for people.</summary>
public sealed class AssetAmountTests
{
    [Theory]
    [InlineData(0UL, 8, "0", "0")]
    [InlineData(1UL, 8, "0.00000001", "0.00000001")]
    [InlineData(134_751_787_553_042UL, 2, "1347517875530.42", "1,347,517,875,530.42")]
    [InlineData(100_000UL, 0, "100000", "100,000")]
    [InlineData(999UL, 0, "999", "999")]
    [InlineData(1_000UL, 0, "1000", "1,000")]
    [InlineData(ulong.MaxValue, 18, "18.446744073709551615", "18.446744073709551615")]
    [InlineData(ulong.MaxValue, 0, "18446744073709551615", "18,446,744,073,709,551,615")]
    public void Formats(ulong units, int decimals, string canonical, string display)
    {
        var a = new AssetAmount("X", units, decimals);
        Assert.Equal(canonical, a.ToString());
        Assert.Equal(display, a.ToDisplayString());
    }

    [Fact]
    public void EveryFailure_HasASnakeCodeAndPlainWords()
    {
        var codes = Enum.GetValues<VerifierFailure>().Select(VerifierFailures.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(_[a-z0-9]+)*$", c));
        Assert.Equal("root_mismatch", VerifierFailures.Code(VerifierFailure.RootMismatch));
        Assert.All(Enum.GetValues<VerifierFailure>(), f => Assert.EndsWith(".", VerifierFailures.Describe(f), StringComparison.Ordinal));
    }
}
