// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Audit;

namespace Por.Liabilities.Tests.Audit;

/// <summary>
/// The bounds of auditor sampling against known values. The expected numbers were computed independently with mpmath
/// at 40 digits (bisection on the exact binomial and hypergeometric sums), not with this code.
/// </summary>
public sealed class AuditStatisticsTests
{
    [Fact]
    public void ZeroMissing_299At95Percent_BoundsOmittedFractionByOnePercent()
    {
        // 1 − 0.05^(1/299) = 0.0099691467929…: 299 is the smallest n that reaches 1 % at 95 % confidence.
        Assert.Equal(0.0099691467929, AuditStatistics.UpperBound(299, 0, 0.95), 1e-12);
        Assert.Equal("0.009970", AuditStatistics.FormatUp(AuditStatistics.UpperBound(299, 0, 0.95)));
        Assert.True(AuditStatistics.UpperBound(298, 0, 0.95) > 0.01);
        Assert.Equal(299, AuditStatistics.SampleSize(0.95, 0.01, 1_000_000));
    }

    [Theory]
    [InlineData(10, 1, 0.95, 0.394163302437)]
    [InlineData(100, 2, 0.95, 0.061619200396)]
    [InlineData(300, 3, 0.99, 0.0330927422069)]
    [InlineData(50, 5, 0.9, 0.177618127617)]
    [InlineData(1000, 10, 0.95, 0.0169031751206)]
    public void ClopperPearsonUpperBound_KnownValues(int n, int failures, double confidence, double expected)
    {
        Assert.Equal(expected, AuditStatistics.UpperBound(n, failures, confidence), 1e-9);
    }

    [Fact]
    public void AllFailed_BoundIsOne()
    {
        Assert.Equal(1, AuditStatistics.UpperBound(5, 5, 0.95));
    }

    [Theory]
    [InlineData(1000, 299, 0, 0.95, 8)]
    [InlineData(300, 100, 2, 0.95, 16)]
    [InlineData(10000, 299, 1, 0.95, 155)]
    [InlineData(300, 300, 0, 0.95, 0)]
    [InlineData(500, 50, 0, 0.9, 21)]
    [InlineData(1000000, 299, 0, 0.95, 9967)]
    public void FinitePopulationBound_KnownValues(long listCount, int n, int failures, double confidence, long expected)
    {
        Assert.Equal(expected, AuditStatistics.FiniteUpperBound(listCount, n, failures, confidence));
    }

    [Fact]
    public void FinitePopulationBound_NeverLooserThanBinomial()
    {
        foreach (var (count, n, k) in new[] { (400L, 59, 0), (5000L, 299, 3), (100L, 30, 1) })
        {
            Assert.True(AuditStatistics.FiniteUpperBound(count, n, k, 0.95) <= Math.Ceiling(AuditStatistics.UpperBound(n, k, 0.95) * count));
        }
    }

    [Fact]
    public void SampleSize_IsTheSmallestReachingTheTarget_AndCappedAtTheList()
    {
        foreach (var (confidence, fraction) in new[] { (0.95, 0.05), (0.99, 0.01), (0.9, 0.001), (0.999, 0.02) })
        {
            var n = AuditStatistics.SampleSize(confidence, fraction, long.MaxValue);
            Assert.True(AuditStatistics.UpperBound(n, 0, confidence) <= fraction);
            Assert.True(n == 1 || AuditStatistics.UpperBound(n - 1, 0, confidence) > fraction);
        }

        Assert.Equal(59, AuditStatistics.SampleSize(0.95, 0.05, 1000));
        Assert.Equal(40, AuditStatistics.SampleSize(0.95, 0.05, 40));
    }

    [Theory]
    [InlineData("0.95", 0.95)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.000001", 0.000001)]
    public void ParseProbability_Accepts(string text, double expected)
    {
        Assert.Equal(expected, AuditStatistics.ParseProbability(text, "--confidence", ""));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData(".95")]
    [InlineData("0.9500001")]
    [InlineData("95%")]
    [InlineData("1.0")]
    [InlineData("0,95")]
    [InlineData("0.9e1")]
    public void ParseProbability_RejectsWithTheOption(string text)
    {
        var e = Assert.Throws<InputException>(() => AuditStatistics.ParseProbability(text, "--confidence", ""));
        Assert.Equal("--confidence", e.File);
    }

    [Fact]
    public void FormatUp_RoundsUpNeverDown()
    {
        Assert.Equal("0.000001", AuditStatistics.FormatUp(1e-9));
        Assert.Equal("0.010000", AuditStatistics.FormatUp(0.01));
        Assert.Equal("1.000000", AuditStatistics.FormatUp(1));
    }
}
