// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli.Demo;
using Por.Reserves;

namespace Por.Cli.Tests;

/// <summary>
/// End to end: long commands print a progress line per stage on stderr (plain lines, since the tests' stderr is not a
/// terminal) while stdout stays one clean JSON document with <c>--json</c>; <c>--log-format json</c> and
/// <c>--log-file</c> write one JSON object per line. The argument lists are built in <see cref="RoundBuild"/>,
/// <see cref="RoundVerify"/> and <see cref="ReservesVerify"/> only, so that a change of option syntax is one edit.
/// </summary>
public sealed class ProgressCliTests : IAsyncLifetime
{
    private const long Height = 20914735;
    private const string Hash = "0x5e3f0c8a9b1d2e4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7";
    private static readonly string[] s_accounts = ["alice-7f3a", "bob-19c2", "carol-e0d4", "dave-aa51"];
    private readonly string _dir = Directory.CreateTempSubdirectory("por-progress-").FullName;
    private DemoEvmServer? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void RoundBuildAndVerify_Transparent_PrintALinePerStage_StdoutStaysOneJsonDocument()
    {
        var bundle = Path.Combine(_dir, "round");
        var build = CliRunner.Run(RoundBuild(bundle, "--json"));
        Assert.True(build.Exit == 0, build.Out + build.Err);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(build.Out).ValueKind);
        AssertStages(build.Err, "reading snapshot", "sorting accounts", "writing checkpoint", "building tree", "writing manifest");
        Assert.Contains("building tree: 4 / 4 (100%)", build.Err, StringComparison.Ordinal);

        var verify = CliRunner.Run(RoundVerify(bundle, "--json"));
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Equal("verified", CliRunner.Json(verify.Out).GetProperty("status").GetString());
        Assert.Contains("verifying leaves: 4 / 4 (100%)", verify.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundBuildAndVerify_Zk_ShowProvingAndVerificationPerBatch()
    {
        var bundle = Path.Combine(_dir, "zk");
        var build = CliRunner.Run(RoundBuild(bundle, "--json", "--mode", "zk", "--parameter-set", "pol-test-n4", "--allow-test-parameters"));
        Assert.True(build.Exit == 0, build.Out + build.Err);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(build.Out).ValueKind);
        AssertStages(build.Err, "reading snapshot (pass 1 of 2: checking)", "reading snapshot (pass 2 of 2: salting)", "placing leaves", "proving batches", "writing manifest");

        var verify = CliRunner.Run(RoundVerify(bundle, "--json", "--allow-test-parameters"));
        Assert.True(verify.Exit == 0, verify.Out + verify.Err);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(verify.Out).ValueKind);
        Assert.Contains("verifying batches: 1 / 1 (100%)", verify.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void LogFormatJson_StderrIsOneJsonObjectPerLine_WithoutAccountIds()
    {
        var build = CliRunner.Run(RoundBuild(Path.Combine(_dir, "logged"), "--json", "--log-format", "json"));
        Assert.True(build.Exit == 0, build.Out + build.Err);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(build.Out).ValueKind);
        var events = build.Err.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(CliRunner.Json).ToList();
        Assert.Equal("por round build started", events[0].GetProperty("Message").GetString());
        Assert.Equal(0, events[^1].GetProperty("State").GetProperty("exit_code").GetInt32());
        var stages = events.Select(e => e.GetProperty("State")).Where(s => s.TryGetProperty("stage", out _)).Select(s => s.GetProperty("stage").GetString()).Distinct().ToList();
        Assert.Equal(["reading snapshot", "sorting accounts", "writing checkpoint", "building tree", "writing manifest"], stages);
        Assert.All(s_accounts, account => Assert.DoesNotContain(account, build.Err, StringComparison.Ordinal));
    }

    [Fact]
    public void LogFile_GetsTheJsonLines_StderrKeepsHumanProgress()
    {
        var logFile = Path.Combine(_dir, "por.log");
        var build = CliRunner.Run(RoundBuild(Path.Combine(_dir, "file-logged"), "--log-file", logFile));
        Assert.True(build.Exit == 0, build.Out + build.Err);
        Assert.Contains("writing manifest", build.Err, StringComparison.Ordinal);
        var events = File.ReadAllLines(logFile).Select(CliRunner.Json).ToList();
        Assert.Equal("round build", events[0].GetProperty("State").GetProperty("command").GetString());
        Assert.Contains(events, e => e.GetProperty("State").TryGetProperty("stage", out var stage) && stage.GetString() == "building tree");

        var unwritable = CliRunner.Run(RoundBuild(Path.Combine(_dir, "not-built"), "--json", "--log-file", Path.Combine(_dir, "missing", "por.log")));
        Assert.Equal(3, unwritable.Exit);
        Assert.Equal("error", CliRunner.Json(unwritable.Out).GetProperty("status").GetString());
        Assert.False(Directory.Exists(Path.Combine(_dir, "not-built")));
    }

    [Fact]
    public void ReservesVerify_ShowsRowsAndEveryNodeCall_StdoutStaysOneJsonDocument()
    {
        var (declaration, registry, nodes) = ServeOkxEthereumRows();
        var run = CliRunner.Run(ReservesVerify(declaration, registry, nodes, "--allow-static-message", "--json"));
        Assert.True(run.Exit is 0 or 1, run.Out + run.Err);
        Assert.Equal("por-reserves-result/3", CliRunner.Json(run.Out).GetProperty("format").GetString());
        AssertStages(run.Err, "node reads", "checking ownership", "reading balances");
        Assert.Contains("| ethereum: eth_chainId", run.Err, StringComparison.Ordinal);
        Assert.Contains("| ethereum: eth_getBalance ×", run.Err, StringComparison.Ordinal);
        var rows = ReserveDeclarationParser.ReadFile(declaration).Rows.Count;
        Assert.Contains($"checking ownership: {rows} / {rows} (100%)", run.Err, StringComparison.Ordinal);
    }

    // The only places that know the commands' option syntax.
    private string[] RoundBuild(string output, params string[] extra)
    {
        var assets = Write("assets.csv", "symbol,decimals\nBTC,8\nUSDT,6\n");
        var snapshot = Write("s.csv", $"account_id,asset,amount\n{s_accounts[0]},BTC,1.5\n{s_accounts[0]},USDT,100\n{s_accounts[1]},USDT,0.000001\n{s_accounts[2]},BTC,2\n{s_accounts[3]},BTC,0.1\n");
        return ["round", "build", "--snapshot", snapshot, "--assets", assets, "--out", output, "--round-id", "2026-11", "--snapshot-time", "2026-11-01T00:00:00Z", .. extra];
    }

    private static string[] RoundVerify(string bundle, params string[] extra) => ["round", "verify", "--round", bundle, .. extra];

    private static string[] ReservesVerify(string declaration, string registry, string nodes, params string[] extra) =>
        ["reserves", "verify", "--file", declaration, "--registry", registry, "--nodes", nodes, .. extra];

    private static void AssertStages(string stderr, params string[] stages)
    {
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        foreach (var stage in stages)
        {
            Assert.True(lines.Any(l => l.StartsWith(stage + ":", StringComparison.Ordinal) || l.StartsWith(stage + " |", StringComparison.Ordinal)), $"no line for stage '{stage}' in:\n{stderr}");
        }
    }

    // OKX's sample rows on Ethereum, served with their balances by the demo node (as in ReservesStaticMessageTests).
    private (string Declaration, string Registry, string Nodes) ServeOkxEthereumRows()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "testdata")))
        {
            directory = directory.Parent;
        }

        var declaration = Path.Combine(directory!.FullName, "testdata", "vectors", "okx", "okx_por_example.csv");
        var chain = new DemoChain(1);
        var block = new DemoBlock(Height, Hash);
        foreach (var row in ReserveDeclarationParser.ReadFile(declaration).Rows.Where(r => string.Equals(r.Chain, "ethereum", StringComparison.Ordinal)))
        {
            block.Native[row.Address.ToLowerInvariant()] = row.Amount;
        }

        chain.Blocks[Height] = block;
        _server = DemoEvmServer.Start(chain);
        var registry = Write("registry.json", $$"""
            {
              "format": "por-reserves-registry/1", "round": "okx-static-message", "network": "mainnet",
              "chains": { "ethereum": { "family": "evm", "chainId": 1, "snapshot": { "height": {{Height}}, "hash": "{{Hash}}" } } },
              "assets": { "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] } }
            }
            """);
        var nodes = Write("nodes.json", $$"""{ "format": "por-nodes/2", "chains": { "ethereum": { "kind": "evm", "url": "{{_server.Url}}", "maxAttempts": 1, "timeoutSeconds": 10 } } }""");
        return (declaration, registry, nodes);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
