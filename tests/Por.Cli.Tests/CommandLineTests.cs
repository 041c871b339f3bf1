// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Demo_SmallExchange_VerifiesEndToEnd()
    {
        var (exit, output, _) = CliRunner.Run("demo", "--accounts", "2000", "--out", Path.Combine(_dir, "demo"));
        Assert.Equal(0, exit);
        Assert.Contains("\nverified: liabilities proof (2,000 accounts, transparent), customer inclusion, 24 of 25 reserve rows, report, auditor attestation — see ", output, StringComparison.Ordinal);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Json_IsOneDocument()
    {
        var (exit, output, _) = CliRunner.Run("demo", "--accounts", "300", "--assets", "5", "--out", Path.Combine(_dir, "demo"), "--json");
        Assert.Equal(0, exit);
        var json = CliRunner.Json(output);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal(300, json.GetProperty("account_count").GetInt64());
        Assert.Equal(5, json.GetProperty("totals").EnumerateObject().Count());
    }

    [Fact]
    public void Round_BuildVerifyExportVerify_WholeFlow()
    {
        var assets = Write("assets.csv", "symbol,decimals\nBTC,8\nUSDT,6\n");
        var snapshot = Write("s.csv", "account_id,asset,amount\nalice,BTC,1.5\nalice,USDT,100\nbob,USDT,0.000001\ncarol,BTC,2\n");
        var bundle = Path.Combine(_dir, "round");
        var build = CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", bundle, "--round-id", "2026-11", "--snapshot-time", "2026-11-01T00:00:00Z", "--json");
        Assert.Equal(0, build.Exit);
        Assert.Equal("3.5", CliRunner.Json(build.Out).GetProperty("totals").GetProperty("BTC").GetString());

        var verify = CliRunner.Run("round", "verify", "--round", bundle);
        Assert.Equal(0, verify.Exit);
        Assert.Contains("PASS", verify.Out, StringComparison.Ordinal);

        var file = Path.Combine(_dir, "alice.json");
        Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", bundle, "--account", "alice", "--out", file).Exit);
        var customer = CliRunner.Run("inclusion", "verify", "--inclusion", file, "--manifest", Path.Combine(bundle, "manifest.json"));
        Assert.Equal(0, customer.Exit);
        Assert.Contains("1.5", customer.Out, StringComparison.Ordinal);
        Assert.Contains("PASS", customer.Out, StringComparison.Ordinal);
        Assert.Contains("2026-11", customer.Out, StringComparison.Ordinal);

        var json = CliRunner.Json(CliRunner.Run("inclusion", "verify", "--inclusion", file, "--json").Out);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal("100", json.GetProperty("balances").GetProperty("USDT").GetString());

        File.WriteAllText(file, File.ReadAllText(file).Replace("\"BTC\": \"1.5\"", "\"BTC\": \"1.4\"", StringComparison.Ordinal));
        var tampered = CliRunner.Run("inclusion", "verify", "--inclusion", file);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("FAIL", tampered.Out, StringComparison.Ordinal);

        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--round", bundle, "--account", "mallory").Exit);
        Assert.Equal(3, CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", bundle, "--round-id", "x").Exit);
    }

    [Fact]
    public void RoundBuild_BadInput_Exit2_NamesFileLineField_NoOutput()
    {
        var assets = Write("assets.csv", "symbol,decimals\nBTC,8\n");
        var snapshot = Write("bad.csv", "account_id,asset,amount\nalice,BTC,1\nbob,BTC,1.000000001\n");
        var bundle = Path.Combine(_dir, "round");
        var (exit, _, err) = CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", bundle, "--round-id", "r");
        Assert.Equal(2, exit);
        Assert.Contains($"{snapshot}:3: field 'amount': more decimal places than BTC allows (8)", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(bundle));
        Assert.Equal(2, Directory.GetFileSystemEntries(_dir).Length);
    }

    [Fact]
    public void RoundBuild_BadInput_Json_ReportsError()
    {
        var assets = Write("assets.csv", "symbol,decimals\nBTC,8\n");
        var snapshot = Write("bad.csv", "account_id,asset,amount\nalice,BTC,-1\n");
        var (exit, output, _) = CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", Path.Combine(_dir, "r"), "--round-id", "r", "--json");
        Assert.Equal(2, exit);
        var json = CliRunner.Json(output);
        Assert.Equal("error", json.GetProperty("status").GetString());
        Assert.Contains("negative balance", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoundVerify_TamperedBundle_Exit1()
    {
        var bundle = Path.Combine(_dir, "demo", "round");
        Assert.Equal(0, CliRunner.Run("demo", "--accounts", "200", "--out", Path.Combine(_dir, "demo")).Exit);
        var leaves = Path.Combine(bundle, "store", "leaves.bin");
        var bytes = File.ReadAllBytes(leaves);
        bytes[^40] ^= 1;
        File.WriteAllBytes(leaves, bytes);
        var (exit, output, _) = CliRunner.Run("round", "verify", "--round", bundle, "--json");
        Assert.Equal(1, exit);
        Assert.Equal("failed", CliRunner.Json(output).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("round", "build")]
    [InlineData("inclusion", "verify")]
    [InlineData("nonsense")]
    public void Usage_Errors_Exit2(params string[] args) => Assert.Equal(2, CliRunner.Run(args).Exit);

    [Fact]
    public void InclusionVerify_MissingFile_Exit3() => Assert.Equal(3, CliRunner.Run("inclusion", "verify", "--inclusion", Path.Combine(_dir, "none.json")).Exit);

    [Fact]
    public void RoundBuild_UnknownMode_Exit2_NoOutput()
    {
        var assets = Write("assets.csv", "symbol,decimals\nBTC,8\n");
        var snapshot = Write("s.csv", "account_id,asset,amount\nalice,BTC,1\n");
        var (exit, _, err) = CliRunner.Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", Path.Combine(_dir, "r"), "--round-id", "r", "--mode", "zk2");
        Assert.Equal(2, exit);
        Assert.Contains("expected transparent or zk", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "r")));
    }

    [Fact]
    public void Demo_UnknownMode_Exit2_NoOutput()
    {
        var (exit, _, err) = CliRunner.Run("demo", "--mode", "zk2", "--accounts", "10", "--out", Path.Combine(_dir, "demo"));
        Assert.Equal(2, exit);
        Assert.Contains("expected transparent or zk", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "demo")));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
