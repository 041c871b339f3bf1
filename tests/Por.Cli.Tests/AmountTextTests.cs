// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Commands;

namespace Por.Cli.Tests;

/// <summary>Human-readable amounts in text output: exact, grouped, with the symbol; JSON keeps the canonical strings.</summary>
public sealed class AmountTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-amounts-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData(0UL, 8, "0 BTC")]
    [InlineData(123_456_780_000UL, 8, "1,234.5678 BTC")]
    [InlineData(100_000_000UL, 8, "1 BTC")]
    [InlineData(1UL, 8, "0.00000001 BTC")]
    [InlineData(999UL, 0, "999 BTC")]
    [InlineData(1_000UL, 0, "1,000 BTC")]
    [InlineData(ulong.MaxValue, 0, "18,446,744,073,709,551,615 BTC")]
    [InlineData(ulong.MaxValue, 18, "18.446744073709551615 BTC")]
    public void Format_GroupsIntegerPartExactly(ulong units, int decimals, string expected) =>
        Assert.Equal(expected, AmountText.Format(units, decimals, "BTC"));

    [Fact]
    public void Format_UInt128_BeyondDouble_StaysExact() =>
        Assert.Equal("340,282,366,920,938,463,463,374,607,431.768211455 X", AmountText.Format(UInt128.MaxValue, 9, "X"));

    [Theory]
    [InlineData("-1234567.5", "-1,234,567.5")]
    [InlineData("123", "123")]
    [InlineData("1234.000001", "1,234.000001")]
    public void Group_OnlyTheIntegerPart(string canonical, string expected) => Assert.Equal(expected, AmountText.Group(canonical));

    [Fact]
    public void RoundBuildAndInclusionVerify_TextShowsGroupedAmounts_JsonKeepsCanonical()
    {
        var assets = Path.Combine(_dir, "assets.csv");
        File.WriteAllText(assets, "symbol,decimals\nBTC,8\nUSDT,6\n");
        var snapshot = Path.Combine(_dir, "s.csv");
        File.WriteAllText(snapshot, "account_id,asset,amount\nalice,BTC,1234.5678\nalice,USDT,1000000\nbob,USDT,0.000001\n");
        var bundle = Path.Combine(_dir, "round");
        var build = CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", bundle, "--round-id", "r");
        Assert.Equal(0, build.Exit);
        Assert.Contains("1,234.5678 BTC", build.Out, StringComparison.Ordinal);
        Assert.Contains("1,000,000.000001 USDT", build.Out, StringComparison.Ordinal);

        var file = Path.Combine(_dir, "alice.json");
        Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", bundle, "--account", "alice", "--out", file).Exit);
        var verify = CliRunner.Run("inclusion", "verify", "--inclusion", file);
        Assert.Contains("1,000,000 USDT", verify.Out, StringComparison.Ordinal);
        var json = CliRunner.Json(CliRunner.Run("inclusion", "verify", "--inclusion", file, "--json").Out);
        Assert.Equal("1000000", json.GetProperty("balances").GetProperty("USDT").GetString());
        Assert.Equal("1234.5678", json.GetProperty("totals").GetProperty("BTC").GetString());
    }
}
