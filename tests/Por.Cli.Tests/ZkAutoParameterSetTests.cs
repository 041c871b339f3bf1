// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Liabilities.Zk;

namespace Por.Cli.Tests;

/// <summary>
/// <c>round build --mode zk</c> without <c>--parameter-set</c> (or with <c>auto</c>) picks the cheapest production set
/// that fits the round, and the bundle verifies through <c>round verify</c>; when an explicit set cannot hold the
/// round, the error names the real cause (the asset list, or the one account too large) with exit 2 and no output.
/// </summary>
public sealed class ZkAutoParameterSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-zk-auto-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_AutoChoice_VerifiesEndToEnd(bool explicitAuto)
    {
        string assets = Write("assets.csv", "symbol,decimals\nBTC,8\nUSDT,6\nETH,18\n");
        var snapshot = new StringBuilder("account_id,asset,amount\n");
        for (int i = 1; i <= 21; i++)
        {
            snapshot.Append(CultureInfo.InvariantCulture, $"user{i:D2},BTC,{i}.5\nuser{i:D2},USDT,{i}\n");
        }

        string output = Path.Combine(_dir, "round");
        string[] args = ["round", "build", "--mode", "zk", "--snapshot", Write("s.csv", snapshot.ToString()), "--assets", assets, "--out", output, "--round-id", "2026-11", "--json"];
        var built = CliRunner.Run(explicitAuto ? [.. args, "--parameter-set", "auto"] : args);
        Assert.True(built.Exit == 0, built.Out + built.Err);

        // 21 accounts of one row and 3 assets: one batch of a 2^12 trace, and of those the set with the largest N.
        string expected = ZkBatchPlanner.ChooseParameterSet([.. Enumerable.Repeat(2, 21)], 3).Id;
        Assert.Equal("pol-v1-n10", expected);
        Assert.Equal(expected, CliRunner.Json(built.Out).GetProperty("parameter_set").GetString());
        var manifest = CliRunner.Json(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(expected, manifest.GetProperty("parameter_set").GetString());
        Assert.Equal(1, manifest.GetProperty("batch_count").GetInt32());

        // A production set: verified without --allow-test-parameters.
        var verify = CliRunner.Run("round", "verify", "--round", output, "--json");
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        var verdict = CliRunner.Json(verify.Out);
        Assert.Equal("verified", verdict.GetProperty("status").GetString());
        Assert.Equal(1, verdict.GetProperty("batches_checked").GetInt32());
    }

    [Fact]
    public void Build_TooManyAssetsForTheChosenSet_NamesTheAssetList_NotAnAccount()
    {
        // The issue: 1,400 assets under pol-v1-n8 blamed a customer's account.
        string assets = Write("assets.csv", "symbol,decimals\n" + string.Concat(Enumerable.Range(0, 1400).Select(i => $"A{i},8\n")));
        string snapshot = Write("s.csv", "account_id,asset,amount\nalice,A0,5\nbob,A700,1\n");
        string output = Path.Combine(_dir, "round");
        var (exit, _, err) = CliRunner.Run("round", "build", "--mode", "zk", "--parameter-set", "pol-v1-n8", "--snapshot", snapshot, "--assets", assets, "--out", output, "--round-id", "r");
        Assert.Equal(2, exit);
        Assert.Contains("--assets: the asset list has too many assets (1400)", err, StringComparison.Ordinal);
        Assert.DoesNotContain("account", err, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)));
    }

    [Fact]
    public void Build_OneAccountTooLargeForTheChosenSet_NamesThatAccountsLine()
    {
        // 1,100 assets fit pol-v1-n8 (at most 1,155), but an account holding all of them (550 rows) does not.
        string assets = Write("assets.csv", "symbol,decimals\n" + string.Concat(Enumerable.Range(0, 1100).Select(i => $"A{i},8\n")));
        string snapshot = Write("s.csv", "account_id,asset,amount\nalice,A0,5\n" + string.Concat(Enumerable.Range(0, 1100).Select(i => $"whale,A{i},1\n")));
        string output = Path.Combine(_dir, "round");
        var (exit, _, err) = CliRunner.Run("round", "build", "--mode", "zk", "--parameter-set", "pol-v1-n8", "--snapshot", snapshot, "--assets", assets, "--out", output, "--round-id", "r");
        Assert.Equal(2, exit);
        Assert.Contains(snapshot + ":3: field 'account_id': this account has 1100 holdings", err, StringComparison.Ordinal);
        Assert.Contains("pol-v1-n8", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)));
    }

    [Theory]
    [InlineData("1MiB", "zk", null, "is below the smallest parameter set's estimated peak")]
    [InlineData("lots", "zk", null, "expected a size such as 12GiB")]
    [InlineData("4GiB", "transparent", null, "applies only to --mode zk with --parameter-set auto")]
    [InlineData("4GiB", "zk", "pol-v1-n10", "applies only to --mode zk with --parameter-set auto")]
    public void Build_BadMemoryLimit_Exit2_NamesTheOption_NoOutput(string limit, string mode, string? set, string expected)
    {
        string assets = Write("assets.csv", "symbol,decimals\nBTC,8\n");
        string snapshot = Write("s.csv", "account_id,asset,amount\nalice,BTC,5\nbob,BTC,1\n");
        string output = Path.Combine(_dir, "round");
        string[] args = ["round", "build", "--mode", mode, "--snapshot", snapshot, "--assets", assets, "--out", output, "--round-id", "r", "--memory-limit", limit];
        var (exit, _, err) = CliRunner.Run(set is null ? args : [.. args, "--parameter-set", set]);
        Assert.Equal(2, exit);
        Assert.Contains("--memory-limit", err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)));
    }

    [Fact]
    public void Build_MemoryLimit_AutoPicksASetWhoseEstimateFits()
    {
        string assets = Write("assets.csv", "symbol,decimals\nBTC,8\n");
        var snapshot = new StringBuilder("account_id,asset,amount\n");
        for (int i = 0; i < 3000; i++)
        {
            snapshot.Append(CultureInfo.InvariantCulture, $"user{i:D4},BTC,{i + 1}\n");
        }

        // Unlimited, 3,000 one-row accounts take one 2^12-account batch (pol-v1-n12, 2^14 rows); a limit just below
        // that set's estimate forces smaller batches.
        int[] counts = [.. Enumerable.Repeat(1, 3000)];
        ZkParameterSet unlimited = ZkBatchPlanner.ChooseParameterSet(counts, 1, long.MaxValue);
        long limit = ZkBatchPlanner.EstimatedPeakBytes(unlimited) - 1;
        ZkParameterSet limited = ZkBatchPlanner.ChooseParameterSet(counts, 1, limit);
        Assert.NotEqual(unlimited.Id, limited.Id);

        string output = Path.Combine(_dir, "round");
        var built = CliRunner.Run("round", "build", "--mode", "zk", "--snapshot", Write("s.csv", snapshot.ToString()), "--assets", assets, "--out", output, "--round-id", "r",
            "--memory-limit", limit.ToString(CultureInfo.InvariantCulture) + "B", "--json");
        Assert.True(built.Exit == 0, built.Out + built.Err);
        Assert.Equal(limited.Id, CliRunner.Json(built.Out).GetProperty("parameter_set").GetString());
        Assert.Equal(0, CliRunner.Run("round", "verify", "--round", output).Exit);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
