// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Tokens.Monitoring;

namespace Por.Tokens.Tests.Monitoring;

public sealed class UnusualMintRuleTests
{
    // PYUSD has 6 decimals; its usual mints were in the hundreds of millions of dollars.
    private static readonly BigInteger s_usd = BigInteger.Pow(10, 6);
    private static readonly long[] s_pyusdMints = [300_000_000, 150_000_000, 50_000_000, 250_000_000, 100_000_000, 300_000_000, 75_000_000];

    [Fact]
    public void Judge_Pyusd300TrillionMint_IsUnusual()
    {
        var history = s_pyusdMints.Select(d => d * s_usd).ToList();
        var verdict = UnusualMintRule.Default.Judge(300_000_000_000_000 * s_usd, history);
        Assert.True(verdict.Unusual);
        Assert.Equal(10 * 300_000_000L * s_usd, verdict.Threshold);
        Assert.Equal(7, verdict.HistoryCount);
    }

    [Fact]
    public void Judge_UsualMint_IsNot_AndTheBoundaryIsInclusive()
    {
        var history = Enumerable.Range(1, 10).Select(i => (BigInteger)i * 100).ToList();
        var rule = new UnusualMintRule(10, 99, TimeSpan.FromDays(30), 5);
        Assert.False(rule.Judge(10_000, history).Unusual); // exactly k × p99 (p99 of 10 values = the largest, 1,000)
        Assert.True(rule.Judge(10_001, history).Unusual);
    }

    [Fact]
    public void Judge_FirstEverMint_NeedsASecondApproval()
    {
        var verdict = UnusualMintRule.Default.Judge(1, []);
        Assert.True(verdict.Unusual);
        Assert.Null(verdict.Threshold);
        Assert.Contains("no distribution", verdict.Reason, StringComparison.Ordinal);
        Assert.True(UnusualMintRule.Default.Judge(1, [1, 1, 1, 1]).Unusual); // 4 < the minimum history of 5
        Assert.False(UnusualMintRule.Default.Judge(1, [1, 1, 1, 1, 1]).Unusual);
    }

    [Fact]
    public void Quantile_NearestRank()
    {
        var rule = new UnusualMintRule(1, 50, TimeSpan.FromDays(1), 1);
        Assert.Equal(3, rule.Quantile([5, 1, 4, 2, 3]));
        Assert.Equal(2, rule.Quantile([4, 1, 3, 2])); // rank ⌈0.5 × 4⌉ = 2
        Assert.Equal(5, (rule with { QuantilePercent = 100 }).Quantile([5, 1, 4, 2, 3]));
        Assert.Equal(1, (rule with { QuantilePercent = 1 }).Quantile([5, 1, 4, 2, 3]));
    }

    [Theory]
    [InlineData(0, 99, 5)]
    [InlineData(10, 0, 5)]
    [InlineData(10, 101, 5)]
    [InlineData(10, 99, 0)]
    public void Validate_RejectsOutOfRangeParameters(int k, int percentile, int minimum)
    {
        Assert.Throws<InvalidOperationException>(() => new UnusualMintRule(k, percentile, TimeSpan.FromDays(30), minimum).Validate());
    }
}
