// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Cli;
using Por.Cli.Commands;
using Por.Testing;
using Por.Tokens.Model;

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

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
