// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Cli.Commands;
using Por.Testing;
using Por.Tokens.Model;
using static Por.IntegrationTests.PorCli;

namespace Por.IntegrationTests;

/// <summary><c>por token check</c>: exit codes by status, bad input named by file, line and field.</summary>
public sealed class TokenCheckCliTests(TokenChainsFixture chains) : IClassFixture<TokenChainsFixture>
{
    [Fact]
    public async Task ABadRegistry_IsExit2_NamingFileLineAndField_AndWritesNothing()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        using var dir = new TempDirectory();
        var registry = scenario.Registry(WrappedTokenScenario.Circulating);
        registry["tokens"]![0]!["deployments"]![1]!["decimals"] = "18";
        var path = dir.Write("registry.json", registry.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var output = dir.File("check.json");

        var (exit, stdout, _) = Run("token", "check", "--registry", path, "--out", output, "--json");

        Assert.Equal(2, exit);
        var error = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("invalid_input", error.GetProperty("failure_code").GetString());
        Assert.Equal(path, error.GetProperty("file").GetString());
        Assert.Equal("tokens[0].deployments[1].decimals", error.GetProperty("field").GetString());
        var line = File.ReadAllLines(path)[error.GetProperty("line").GetInt32() - 1];
        Assert.Contains("\"decimals\": \"18\"", line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task AnUnknownReserveKind_IsExit2_NamingItsLine()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        using var dir = new TempDirectory();
        var path = dir.Write("registry.json", scenario.Registry(WrappedTokenScenario.Circulating, reserveKind: "no_such_kind").ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var (exit, _, stderr) = Run("token", "check", "--registry", path);

        Assert.Equal(2, exit);
        Assert.Contains("field 'tokens[0].reserves[0].kind': unknown reserve source kind 'no_such_kind'", stderr, StringComparison.Ordinal);
        Assert.Matches(@"registry\.json:\d+: ", stderr);
    }

    [Fact]
    public async Task AnUnknownToken_IsExit2()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        using var dir = new TempDirectory();
        var path = dir.Write("registry.json", scenario.Registry(WrappedTokenScenario.Circulating).ToJsonString());

        var (exit, _, stderr) = Run("token", "check", "--registry", path, "--token", "usdx");

        Assert.Equal(2, exit);
        Assert.Contains("'usdx' is not a token of the registry (wbtc-test)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACoveredToken_IsExit0_WithTheRatio_AndAnUndercollateralisedOneExit1()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var reserveToken = await WrappedTokenScenario.DeployTokenAsync(chains.Home, 8);
        await WrappedTokenScenario.MintAsync(chains.Home, reserveToken, WrappedTokenScenario.Custody, 1_212 * WrappedTokenScenario.Unit8);
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        using var dir = new TempDirectory();
        var path = dir.Write("registry.json", scenario.Registry(0, reserveSource: WrappedTokenScenario.CustodySource(reserveToken)).ToJsonString());
        var output = dir.File("check.json");

        var (exit, stdout, stderr) = Run("token", "check", "--registry", path, "--out", output, "--json");

        Assert.True(exit == 0, stdout + stderr);
        var document = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(stdout, File.ReadAllText(output));
        Assert.Equal("por-token-check/1", document.GetProperty("format").GetString());
        Assert.Equal("covered", document.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), document.GetProperty("registry_sha256").GetString());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("failure_code").ValueKind);
        var token = document.GetProperty("tokens")[0];
        Assert.Equal("120000000000", token.GetProperty("circulating_supply").GetString());
        Assert.Equal("121200000000", token.GetProperty("total_reserves").GetString());
        Assert.Equal("1.010000", token.GetProperty("ratio").GetString());
        Assert.Equal("lock_and_mint", token.GetProperty("supply")[1].GetProperty("role").GetString());
        Assert.Equal("0", token.GetProperty("supply")[1].GetProperty("counted").GetString());
        Assert.Equal("on_chain_declared", token.GetProperty("reserves")[0].GetProperty("evidence_class").GetString());

        // 212 units leave custody: reserves 1,000 < supply 1,200.
        await chains.Home.SendAsync(WrappedTokenScenario.Custody, reserveToken, Abi.Call("transfer(address,uint256)", Abi.Word(WrappedTokenScenario.Holder), WrappedTokenScenario.Word(212 * WrappedTokenScenario.Unit8)));
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        (exit, stdout, _) = Run("token", "check", "--registry", path, "--json");
        Assert.Equal(1, exit);
        document = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("undercollateralized", document.GetProperty("failure_code").GetString());
        Assert.Equal("0.833333", document.GetProperty("tokens")[0].GetProperty("ratio").GetString());

        (exit, stdout, _) = Run("token", "check", "--registry", path);
        Assert.Equal(1, exit);
        Assert.Contains("UNDER-COLLATERALISED: reserves 1000.00000000 < circulating supply 1200.00000000", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeDown_IsExit3_WithNoRatio_AndConservationViolatedExit1()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var reserveToken = await WrappedTokenScenario.DeployTokenAsync(chains.Home, 8);
        await WrappedTokenScenario.MintAsync(chains.Home, reserveToken, WrappedTokenScenario.Custody, 2_000 * WrappedTokenScenario.Unit8);
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        using var dir = new TempDirectory();
        var down = dir.Write("down.json", scenario.Registry(0, remoteUrl: "http://127.0.0.1:9/", reserveSource: WrappedTokenScenario.CustodySource(reserveToken)).ToJsonString());

        var (exit, stdout, _) = Run("token", "check", "--registry", down, "--json");

        Assert.Equal(3, exit);
        var document = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("node_unreachable", document.GetProperty("failure_code").GetString());
        var token = document.GetProperty("tokens")[0];
        Assert.Equal("evidence_failed", token.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, token.GetProperty("ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, token.GetProperty("circulating_supply").ValueKind);
        Assert.Equal("node_fault", token.GetProperty("supply")[2].GetProperty("failure").GetString());

        await WrappedTokenScenario.MintAsync(chains.Remote, scenario.Representation, WrappedTokenScenario.BridgeUser, WrappedTokenScenario.Unit18);
        await chains.Remote.MineAsync(WrappedTokenScenario.ReorgMargin);
        var violated = dir.Write("violated.json", scenario.Registry(0, reserveSource: WrappedTokenScenario.CustodySource(reserveToken)).ToJsonString());
        (exit, stdout, _) = Run("token", "check", "--registry", violated);
        Assert.Equal(1, exit);
        Assert.Contains("EVIDENCE FAILED: no ratio is reported", stdout, StringComparison.Ordinal);
        Assert.Contains("failed: supply remote/" + scenario.Representation.ToLowerInvariant() + ": conservation_violated", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ratio reserves / supply", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TokenStatus.Covered, EvidenceFailure.None, EvidenceFailure.None, 0)]
    [InlineData(TokenStatus.BelowMargin, EvidenceFailure.None, EvidenceFailure.None, 1)]
    [InlineData(TokenStatus.Undercollateralized, EvidenceFailure.None, EvidenceFailure.None, 1)]
    [InlineData(TokenStatus.EvidenceFailed, EvidenceFailure.NodeFault, EvidenceFailure.None, 3)]
    [InlineData(TokenStatus.EvidenceFailed, EvidenceFailure.NodeFault, EvidenceFailure.NodeFault, 3)]
    [InlineData(TokenStatus.EvidenceFailed, EvidenceFailure.NodeFault, EvidenceFailure.Stale, 1)]
    [InlineData(TokenStatus.EvidenceFailed, EvidenceFailure.ConservationViolated, EvidenceFailure.None, 1)]
    public void ExitCode_FollowsTheStatus_NodeFaultsAloneAreTheEnvironment(TokenStatus status, EvidenceFailure supply, EvidenceFailure reserve, int expected)
    {
        var at = DateTimeOffset.UnixEpoch;
        var evaluation = new TokenEvaluation("t", 8, at,
            [new SupplyReading("c", "0x00", DeploymentRole.Canonical, 1, "0x01", at, 1, 0, 1, supply, "d")],
            [new ReserveEvidence("r", EvidenceClass.SignedStatement, 1, at, "ref", reserve, "d")],
            BigInteger.One, BigInteger.One, 0, status);
        Assert.Equal(expected, TokenCheckCommand.ExitCodeOf(evaluation));
    }

}
