// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Testing;
using static Por.IntegrationTests.PorCli;

namespace Por.IntegrationTests;

/// <summary>
/// <c>por token report</c> on a real anvil (the wrapped token scenario: canonical, lock-and-mint representation,
/// burn-and-mint; reserves in an ERC-20 custody address): the report of a covered token, its attestation through
/// <c>por attest</c> and <c>por attestation verify</c>, then the report after reserves left custody.
/// </summary>
public sealed class TokenReportCliTests(TokenChainsFixture chains) : IClassFixture<TokenChainsFixture>
{
    [Fact]
    public async Task Report_OfACoveredThenUndercollateralisedToken_IsWrittenExactly_AndItsAttestationVerifies()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var reserveToken = await WrappedTokenScenario.DeployTokenAsync(chains.Home, 8);
        await WrappedTokenScenario.MintAsync(chains.Home, reserveToken, WrappedTokenScenario.Custody, 1_212 * WrappedTokenScenario.Unit8);
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        using var dir = new TempDirectory();
        var registry = dir.Write("registry.json", scenario.Registry(0, reserveSource: WrappedTokenScenario.CustodySource(reserveToken)).ToJsonString());

        var (exit, stdout, stderr) = Run("token", "report", "--registry", registry, "--token", "wbtc-test", "--symbol", "WBTCT", "--out", dir.File("covered"), "--json");
        Assert.True(exit == 0, stdout + stderr);
        var report = JsonDocument.Parse(File.ReadAllBytes(dir.File("covered/report.json"))).RootElement;
        Assert.Equal("por-token-report/1", report.GetProperty("format").GetString());
        Assert.Equal("covered", report.GetProperty("status").GetString());
        Assert.Equal("1200.00000000", report.GetProperty("circulating_supply").GetString());
        Assert.Equal("1212.00000000", report.GetProperty("total_reserves").GetString());
        Assert.Equal("101.00", report.GetProperty("ratio_percent").GetString());
        Assert.Equal("lock_and_mint", report.GetProperty("supply")[1].GetProperty("role").GetString());
        Assert.Equal("on_chain_declared", report.GetProperty("composition")[0].GetProperty("class").GetString());
        var html = File.ReadAllText(dir.File("covered/report.html"));
        Assert.Contains("data-status=\"covered\"", html, StringComparison.Ordinal);
        Assert.Contains(">1,200 WBTCT<", html, StringComparison.Ordinal);

        // An existing report is not overwritten without --force (exit 3, as every por output).
        Assert.Equal(3, Run("token", "report", "--registry", registry, "--token", "wbtc-test", "--out", dir.File("covered")).Exit);

        // The auditor signs it; the signature verifies, and fails on the report of the next run.
        Assert.Equal(0, Run("attestation", "keygen", "--name", "Audit LLP", "--out", dir.File("k.json"), "--public-out", dir.File("k.pub.json")).Exit);
        Assert.Equal(0, Run("attest", "--report", dir.File("covered/report.json"), "--key", dir.File("k.json"), "--out", dir.File("a.json")).Exit);
        Assert.Equal(0, Run("attestation", "verify", "--attestation", dir.File("a.json"), "--report", dir.File("covered/report.json"), "--auditor-key", dir.File("k.pub.json")).Exit);

        // 212 units leave custody: reserves 1,000 < supply 1,200; the report says so, exit 1.
        await chains.Home.SendAsync(WrappedTokenScenario.Custody, reserveToken, Abi.Call("transfer(address,uint256)", Abi.Word(WrappedTokenScenario.Holder), WrappedTokenScenario.Word(212 * WrappedTokenScenario.Unit8)));
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        (exit, stdout, stderr) = Run("token", "report", "--registry", registry, "--token", "wbtc-test", "--out", dir.File("short"));
        Assert.True(exit == 1, stdout + stderr);
        report = JsonDocument.Parse(File.ReadAllBytes(dir.File("short/report.json"))).RootElement;
        Assert.Equal("undercollateralized", report.GetProperty("status").GetString());
        Assert.Equal("83.33", report.GetProperty("ratio_percent").GetString());
        var moved = Run("attestation", "verify", "--attestation", dir.File("a.json"), "--report", dir.File("short/report.json"), "--auditor-key", dir.File("k.pub.json"), "--json");
        Assert.Equal(1, moved.Exit);
        Assert.Equal("report_digest_mismatch", JsonDocument.Parse(moved.Out).RootElement.GetProperty("failure_code").GetString());
    }

}
