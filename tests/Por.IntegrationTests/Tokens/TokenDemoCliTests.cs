// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli.Commands;
using static Por.IntegrationTests.PorCli;

namespace Por.IntegrationTests.Tokens;

/// <summary>
/// <c>por demo token</c> end to end on a real anvil and the loopback Bitcoin node: each phase's outcome from
/// summary.json (statuses, feed updates, MintRule, the mint on chain — reverted with the guard's error only while
/// under-collateralised), both reports, private key files; and without anvil, exit 3 with how to get it.
/// </summary>
public sealed class TokenDemoCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("por-demo-token-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Demo_WalksHealthy_Undercollateralised_Recovery_AndWritesReports()
    {
        if (!File.Exists(RepositoryPaths.Anvil))
        {
            RequiredTool.Missing($"anvil not found at {RepositoryPaths.Anvil}: run `npm ci --prefix tools --ignore-scripts`");
        }

        var dir = Path.Combine(_root, "out");
        var started = DateTime.UtcNow;
        var (exit, stdout, stderr) = Run("demo", "token", "--out", dir);
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "the demo takes well under a minute");
        Assert.Contains("UNDERCOLLATERALIZED", stdout, StringComparison.Ordinal);
        Assert.Contains("REVERTED with MintExceedsReserves(", stdout, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("as_expected", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("failed_step").ValueKind);
        var phases = root.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["healthy", "under-collateralised", "recovery"], phases.Select(p => p.GetProperty("name").GetString()));
        foreach (var phase in phases)
        {
            var healthy = phase.GetProperty("phase").GetInt32() != 2;
            var tokens = phase.GetProperty("tokens").EnumerateArray().ToList();
            Assert.Equal(["wbtc-demo", "usdx-demo"], tokens.Select(t => t.GetProperty("token").GetString()));
            foreach (var token in tokens)
            {
                Assert.Equal(healthy ? "covered" : "undercollateralized", token.GetProperty("status").GetString());
                Assert.Equal("updated", token.GetProperty("feed_update").GetString());
                Assert.Equal(token.GetProperty("total_reserves").GetString(), token.GetProperty("feed_answer").GetString());
                Assert.Equal(healthy ? "allowed" : "exceeds_reserves", token.GetProperty("mint_rule").GetString());
                Assert.Equal(healthy ? "succeeded" : "reverted", token.GetProperty("on_chain_mint").GetString());
                if (healthy)
                {
                    Assert.Equal(JsonValueKind.Null, token.GetProperty("revert_error").ValueKind);
                }
                else
                {
                    Assert.StartsWith("MintExceedsReserves(", token.GetProperty("revert_error").GetString(), StringComparison.Ordinal);
                }

                Assert.True(token.GetProperty("as_expected").GetBoolean());
            }
        }

        // Under-collateralised: BTC left custody (160 → 100 BTC against 145), the statement shows 800,000.00 USD.
        var wbtc2 = phases[1].GetProperty("tokens")[0];
        Assert.Equal(("10000000000", "14500000000", "68.96"), (wbtc2.GetProperty("total_reserves").GetString(), wbtc2.GetProperty("circulating_supply").GetString(), wbtc2.GetProperty("ratio_percent").GetString()));
        Assert.Equal("800000000000", phases[1].GetProperty("tokens")[1].GetProperty("total_reserves").GetString());

        var reports = root.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(2, reports.Count);
        foreach (var entry in reports)
        {
            using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, entry.GetProperty("json").GetString()!)));
            Assert.Equal("por-token-report/1", report.RootElement.GetProperty("format").GetString());
            Assert.Equal(entry.GetProperty("token").GetString(), report.RootElement.GetProperty("token").GetProperty("id").GetString());
            Assert.Equal("covered", report.RootElement.GetProperty("status").GetString());
            Assert.Equal(["covered", "undercollateralized", "covered"], report.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()));
            Assert.Equal(["ratio_below_margin", "ratio_below_margin"], report.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
            var html = File.ReadAllText(Path.Combine(dir, entry.GetProperty("html").GetString()!));
            Assert.Contains("id=\"chart-ratio-history\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "updater.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "custodian.key.json")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WithoutAnvil_Exits3_SayingHowToGetIt_AndWritesNothing()
    {
        var outside = Directory.CreateTempSubdirectory("por-no-anvil-").FullName;
        try
        {
            var dir = Path.Combine(_root, "out");
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = await DemoTokenCommand.RunAsync(stdout, stderr, dir, pathVariable: string.Empty, currentDirectory: outside, executableDirectory: null, TestContext.Current.CancellationToken);
            Assert.Equal(3, exit);
            Assert.Contains("anvil", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("`npm ci` in the repository's tools/ directory", stderr.ToString(), StringComparison.Ordinal);
            Assert.Contains("Foundry", stderr.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void ExistingOut_IsRefused()
    {
        var (exit, _, stderr) = Run("demo", "token", "--out", _root);
        Assert.Equal(2, exit);
        Assert.Contains("exists", stderr, StringComparison.Ordinal);
    }
}
