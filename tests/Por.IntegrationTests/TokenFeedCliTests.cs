// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Cli.Commands;
using Por.Common;
using Por.Testing;
using Por.Tokens.MintGuard;
using Por.Tokens.Registry;
using static Por.IntegrationTests.PorCli;

namespace Por.IntegrationTests;

/// <summary><c>por token feed deploy|update</c> end to end on anvil: the feed follows a fresh evaluation and the guard follows the feed.</summary>
public sealed class TokenFeedCliTests(TokenChainsFixture chains) : IClassFixture<TokenChainsFixture>, IDisposable
{
    // anvil dev account 0 (the scenario's owner).
    private const string OwnerSecret = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private readonly TempDirectory _dir = new();
    private readonly MintGuardChain _home = new(chains.Home);

    public void Dispose()
    {
        _home.Dispose();
        _dir.Dispose();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DeployThenUpdate_FromAFreshEvaluation_TheGuardFollowsTheReserves()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var reserves = WrappedTokenScenario.Circulating + 5;
        var registry = _dir.Write("registry.json", scenario.Registry(reserves).ToJsonString());
        var key = PrivateKey(OwnerSecret);

        var (exit, stdout, stderr) = Run("token", "feed", "deploy", "--registry", registry, "--chain", "home", "--key", key, "--decimals", "6", "--description", "wbtc-test reserves", "--json");
        Assert.True(exit == 0, stderr + stdout);
        var deployed = JsonDocument.Parse(stdout).RootElement;
        var feed = deployed.GetProperty("feed").GetString()!;
        Assert.Equal(WrappedTokenScenario.Owner, deployed.GetProperty("updater").GetString());
        var token = await _home.DeployTokenAsync(WrappedTokenScenario.Owner, 8, feed, MarginMode.None, 0, 3600);

        var (updateExit, update) = await UpdateAsync(registry, key, feed);
        Assert.True(updateExit == 0, update.ToString());
        Assert.Equal("updated", update.GetProperty("outcome").GetString());
        Assert.Equal("1", update.GetProperty("round_id").GetString());
        // 1,200.00000005 units at 8 decimals → 1,200.000000 at the feed's 6 (rounded down) → 1,200.00000000 back at 8.
        var published = reserves / 100;
        Assert.Equal(published.ToString(System.Globalization.CultureInfo.InvariantCulture), update.GetProperty("answer").GetString());

        var guarded = published * 100;
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName((await _home.TrySendAsync(WrappedTokenScenario.Owner, token, Mint(guarded + 1)))!));
        Assert.Null(await _home.TrySendAsync(WrappedTokenScenario.Owner, token, Mint(guarded)));
    }

    [Fact]
    public async Task Update_WhenASupplyNodeIsDown_IsRefusedWithExit1_AndSendsNothing()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var key = PrivateKey(OwnerSecret);
        var good = _dir.Write("good.json", scenario.Registry(WrappedTokenScenario.Circulating * 2).ToJsonString());
        var (deployExit, stdout, _) = Run("token", "feed", "deploy", "--registry", good, "--chain", "home", "--key", key, "--decimals", "8", "--json");
        Assert.Equal(0, deployExit);
        var feed = JsonDocument.Parse(stdout).RootElement.GetProperty("feed").GetString()!;
        var broken = _dir.Write("broken.json", scenario.Registry(WrappedTokenScenario.Circulating * 2, remoteUrl: "http://127.0.0.1:1/").ToJsonString());
        var before = await chains.Home.CallAsync("eth_getTransactionCount", WrappedTokenScenario.Owner, "latest");

        var (exit, result) = await UpdateAsync(broken, key, feed);

        Assert.Equal(1, exit);
        Assert.Equal("evidence_failed", result.GetProperty("failure_code").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("transaction_hash").ValueKind);
        Assert.Equal(before.GetString(), (await chains.Home.CallAsync("eth_getTransactionCount", WrappedTokenScenario.Owner, "latest")).GetString());
    }

    [Fact]
    public async Task AKeyFileReadableByOthers_IsExit2_NamingTheFile()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var registry = _dir.Write("registry.json", scenario.Registry(WrappedTokenScenario.Circulating).ToJsonString());
        var key = _dir.Write("open.key", OwnerSecret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }

        var (exit, _, stderr) = Run("token", "feed", "deploy", "--registry", registry, "--chain", "home", "--key", key, "--decimals", "8");

        Assert.Equal(2, exit);
        Assert.Contains(key, stderr, StringComparison.Ordinal);
        Assert.Contains("chmod 600", stderr, StringComparison.Ordinal);
        var (chainExit, _, chainError) = Run("token", "feed", "deploy", "--registry", registry, "--chain", "mars", "--key", key, "--decimals", "8");
        Assert.Equal(2, chainExit);
        Assert.Contains("'mars' is not a chain of the registry", chainError, StringComparison.Ordinal);
    }

    private string PrivateKey(string secret)
    {
        var path = _dir.File("updater-" + Guid.NewGuid().ToString("N") + ".key");
        AtomicFile.Write(path, System.Text.Encoding.ASCII.GetBytes(secret + "\n"), privateFile: true, overwrite: false);
        return path;
    }

    private static async Task<(int Exit, JsonElement Result)> UpdateAsync(string registry, string key, string feed)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await TokenFeedCommands.UpdateAsync(
            stdout, stderr, json: true, registry, "home", key, "wbtc-test", feed, 300, new ReserveSourceReaders([new FixedReserveReader()]), TestContext.Current.CancellationToken).ConfigureAwait(false);
        return (exit, JsonDocument.Parse(stdout.ToString()).RootElement.Clone());
    }

    private static byte[] Mint(BigInteger amount) =>
        EvmAbi.Call("mint(address,uint256)", AbiValue.Address(MintGuardChain.AddressBytes(WrappedTokenScenario.Holder)), AbiValue.Uint(amount));
}
