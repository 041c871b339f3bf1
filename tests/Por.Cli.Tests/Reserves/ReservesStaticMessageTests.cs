// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Cli.Commands;
using Por.Cli.Demo;
using Por.Reports;
using Por.Reserves;

namespace Por.Cli.Tests.Reserves;

/// <summary>
/// OKX's real sample rows sign the static "I am an OKX address", served with balances by a local EVM node: without
/// --allow-static-message they fail (message_mismatch) and count nowhere; with it they count but are flagged
/// replayable in the text, the JSON result and the report's evidence.
/// </summary>
public sealed class ReservesStaticMessageTests : IAsyncLifetime
{
    private const long Height = 20914735;
    private const string Hash = "0x5e3f0c8a9b1d2e4f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7";
    private readonly string _directory = Directory.CreateTempSubdirectory("por-static-").FullName;
    private readonly string _declaration = TestDataPath("okx_por_example.csv");
    private DemoEvmServer? _server;

    private string RegistryPath => Path.Combine(_directory, "registry.json");

    private string NodesPath => Path.Combine(_directory, "nodes.json");

    public ValueTask InitializeAsync()
    {
        var rows = ReserveDeclarationParser.ReadFile(_declaration).Rows.Where(r => string.Equals(r.Chain, "ethereum", StringComparison.Ordinal)).ToList();
        var chain = new DemoChain(1);
        var block = new DemoBlock(Height, Hash);
        foreach (var row in rows)
        {
            block.Native[row.Address.ToLowerInvariant()] = row.Amount;
        }

        chain.Blocks[Height] = block;
        _server = DemoEvmServer.Start(chain);
        File.WriteAllText(RegistryPath, $$"""
            {
              "format": "por-reserves-registry/1", "round": "okx-static-message", "network": "mainnet",
              "chains": { "ethereum": { "family": "evm", "chainId": 1, "snapshot": { "height": {{Height}}, "hash": "{{Hash}}" } } },
              "assets": { "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] } }
            }
            """);
        File.WriteAllText(NodesPath, $$"""{ "format": "por-nodes/2", "chains": { "ethereum": { "kind": "evm", "url": "{{_server.Url}}", "maxAttempts": 1, "timeoutSeconds": 10 } } }""");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string TestDataPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "testdata")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "testdata", "vectors", "okx", name);
    }

    private (int Exit, string Out, string Err) Run(params string[] extra) =>
        CliRunner.Run(["reserves", "verify", "--file", _declaration, "--registry", RegistryPath, "--nodes", NodesPath, .. extra]);

    // The two single-key ETH rows of the sample (the third is a Safe, which the demo node does not serve).
    private static bool IsSingleKeyEth(System.Text.Json.JsonElement row) =>
        string.Equals(row.GetProperty("chain").GetString(), "ethereum", StringComparison.Ordinal)
        && string.Equals(row.GetProperty("scheme").GetString(), "eip191-hash32", StringComparison.Ordinal);

    [Fact]
    public void WithoutFlag_MessageMismatchAndNothingCounts()
    {
        var run = Run("--json");
        Assert.Equal(ReservesCommand.ExitFailed, run.Exit);
        var result = CliRunner.Json(run.Out);
        var eth = result.GetProperty("rows").EnumerateArray().Where(IsSingleKeyEth).ToList();
        Assert.Equal(2, eth.Count);
        Assert.All(eth, r =>
        {
            Assert.Equal("failed", r.GetProperty("status").GetString());
            Assert.Equal("message_mismatch", r.GetProperty("ownership_failure").GetString());
        });
        Assert.Empty(result.GetProperty("verified_reserves").EnumerateArray());
        var reserves = ReserveResultReader.Parse(System.Text.Encoding.UTF8.GetBytes(run.Out), "result.json");
        Assert.Equal(UInt128.Zero, reserves.Find("ETH")!.Verified);
    }

    [Fact]
    public void WithFlag_CountsButFlaggedReplayableInJsonAndReport()
    {
        var run = Run("--allow-static-message", "--json");
        var result = CliRunner.Json(run.Out);
        var eth = result.GetProperty("rows").EnumerateArray().Where(IsSingleKeyEth).ToList();
        Assert.Equal(2, eth.Count);
        Assert.All(eth, r =>
        {
            Assert.Equal("verified", r.GetProperty("status").GetString());
            Assert.True(r.GetProperty("replayable").GetBoolean());
        });
        var claimed = eth.Aggregate(UInt128.Zero, (sum, r) => sum + UInt128.Parse(r.GetProperty("claimed_amount").GetString()!, CultureInfo.InvariantCulture));
        var reserves = ReserveResultReader.Parse(System.Text.Encoding.UTF8.GetBytes(run.Out), "result.json");
        var evidence = reserves.Find("ETH")!;
        Assert.Equal(claimed, evidence.Verified);
        Assert.Equal(2, evidence.ReplayableRows);
    }

    [Fact]
    public void WithFlag_TextMarksEachReplayableRow()
    {
        var run = Run("--allow-static-message");
        var verified = run.Out.Split('\n').Where(l => l.StartsWith("[VERIFIED]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, verified.Count);
        Assert.All(verified, l => Assert.EndsWith("[replayable static message]", l, StringComparison.Ordinal));
        Assert.Contains("static message: replayable across rounds", run.Out, StringComparison.Ordinal);
    }
}
