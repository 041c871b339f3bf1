// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli.Commands;

namespace Por.Cli.Tests.Reserves;

public sealed class ReservesCommandTests
{
    private static string Okx(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "testdata")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "testdata", "vectors", "okx", name);
    }

    // A mainnet registry of the round the OKX samples are imported as; it lists only Bitcoin and Ethereum, so the rows of
    // every other chain fail as outside the registry.
    private static FileInfo Registry(string round)
    {
        var path = Path.Combine(Path.GetTempPath(), $"por-registry-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "format": "por-reserves-registry/1", "round": "{{round}}", "network": "mainnet",
              "chains": {
                "bitcoin": { "family": "bitcoin", "bitcoinNetwork": "bitcoin", "genesis": "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", "snapshot": { "height": 800000, "hash": "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054" } },
                "ethereum": { "family": "evm", "chainId": 1, "snapshot": { "height": 19000000, "hash": "0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7" } }
              },
              "assets": {
                "BTC": { "decimals": 8, "holdings": [ { "chain": "bitcoin" } ] },
                "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] }
              }
            }
            """);
        return new FileInfo(path);
    }

    private static string RoundOf(string csv) => Por.Reserves.ReserveDeclarationParser.ReadFile(csv).Round;

    [Fact]
    public async Task RunAsync_OkxStaticMessageWithoutFlag_ExitOneAndRowsFailed()
    {
        var output = new StringWriter();
        var code = await ReservesCommand.RunAsync(new FileInfo(Okx("okx_por_example.csv")), Registry(RoundOf(Okx("okx_por_example.csv"))), null, json: true, allowStaticMessage: false, round: null, output, new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitFailed, code);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal("por-reserves-result/3", document.RootElement.GetProperty("format").GetString());
        Assert.Empty(document.RootElement.GetProperty("verified_reserves").EnumerateArray());
        Assert.All(document.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.Equal("failed", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task RunAsync_StaticFlagWithoutNodes_OwnershipPassesButBalancesFailClosed()
    {
        var output = new StringWriter();
        var code = await ReservesCommand.RunAsync(new FileInfo(Okx("test.csv")), Registry(RoundOf(Okx("test.csv"))), null, json: false, allowStaticMessage: true, round: null, output, new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitFailed, code);
        var text = output.ToString();
        Assert.Contains("not in the round's registry", text, StringComparison.Ordinal);
        Assert.Contains("Unverified claims", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MalformedDeclaration_ExitTwoNamingFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"por-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\n \"format\": \"por-reserves/1\",\n \"custodian\": \"x\",\n \"round\": \"r\",\n \"rows\": [\n  {\"asset\": 5}\n ]\n}\n", TestContext.Current.CancellationToken);
        try
        {
            var error = new StringWriter();
            var code = await ReservesCommand.RunAsync(new FileInfo(path), Registry("r"), null, json: false, false, null, new StringWriter(), error, TestContext.Current.CancellationToken);
            Assert.Equal(ReservesCommand.ExitInvalidInput, code);
            Assert.Contains(path + ":6", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_MissingFile_ExitThree()
    {
        var code = await ReservesCommand.RunAsync(new FileInfo("/nonexistent/por.json"), Registry("r"), null, false, false, null, new StringWriter(), new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitEnvironment, code);
    }

    [Fact]
    public void Invoke_WithoutFile_ExitTwo() =>
        Assert.Equal(ReservesCommand.ExitInvalidInput, Program.Run(["reserves", "verify"], new StringWriter(), new StringWriter()));

    [Fact]
    public void Invoke_OkxAuditorFileWithFlags_RunsThroughCommandLine()
    {
        var output = new StringWriter();
        var code = Program.Run(["reserves", "verify", "--file", Okx("test.csv"), "--registry", Registry(RoundOf(Okx("test.csv"))).FullName, "--allow-static-message", "--json"], output, new StringWriter());
        Assert.Equal(ReservesCommand.ExitFailed, code);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Contains(document.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("replayable").GetBoolean());
    }

    [Theory]
    [InlineData("retryBaseDelayMs", "9000000000000000000", "from 0 to 30000")]
    [InlineData("timeoutSeconds", "9000000000000000000", "from 1 to 3600")]
    [InlineData("maxAttempts", "4294967297", "from 1 to 100")]
    public void Invoke_NodeRetrySettingOutOfRange_ExitTwoNamingField(string field, string value, string expected)
    {
        // These used to reach TimeSpan (ArgumentOutOfRangeException) or wrap in an int cast.
        var nodes = Path.Combine(Path.GetTempPath(), $"por-nodes-{Guid.NewGuid():N}.json");
        File.WriteAllText(nodes, """{"format": "por-nodes/2", "chains": {"ethereum": {"kind": "evm", "url": "http://127.0.0.1:1", """ + $"\"{field}\": {value}" + "}}}");
        try
        {
            var error = new StringWriter();
            var code = Program.Run(["reserves", "verify", "--file", Okx("test.csv"), "--registry", Registry(RoundOf(Okx("test.csv"))).FullName, "--nodes", nodes, "--allow-static-message"], new StringWriter(), error);
            Assert.Equal(ReservesCommand.ExitInvalidInput, code);
            Assert.Contains($"field 'chains.ethereum.{field}': expected an integer {expected}", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(nodes);
        }
    }

    [Fact]
    public void RenderText_WindowAndRegistry_ShownPerRowAndTotal()
    {
        // A row verified at the snapshot (200) whose wallet held 50 before and after it: stable 50, a round trip of 150.
        var window = Por.Reserves.Window.WindowObservation.Create(100, 200, 90, 110, 1, 1_000, [new(90, 50), new(100, 200), new(110, 50)], complete: true, failure: null);
        var row = new Por.Reserves.RowOutcome
        {
            Index = 0,
            Line = 1,
            Asset = "USDC",
            Chain = "ethereum",
            Address = "0x00000000000000000000000000000000000000c1",
            Scheme = "eip191-text",
            ClaimedAmount = 200,
            Decimals = 6,
            Failure = Por.Reserves.RowFailure.None,
            Message = "proven",
            Ownership = Por.Reserves.Ownership.OwnershipResult.Valid("proven"),
            OnChainBalance = 200,
            BalanceBlockHash = "0x" + new string('a', 64),
            SnapshotHeight = 100,
            Replayable = false,
            Window = window,
        };
        var result = new Por.Reserves.ReserveVerificationResult("C", "R", "d.json", [row], [new Por.Reserves.AssetTotal("USDC", 6, 200, 0, 1, 0) { Stable = 50, StableRows = 1 }])
        {
            RegistrySha256 = new byte[32],
            Network = Por.Reserves.Registry.RegistryNetwork.Test,
        };
        var text = ReservesCommand.RenderText(result);
        Assert.Contains("TEST NETWORK", text, StringComparison.Ordinal);
        Assert.Contains("claimed 0.0002 USDC", text, StringComparison.Ordinal);
        Assert.Contains("window 90..110: minimum 0.00005 USDC, stable 0.00005 USDC [ROUND TRIP: 0.00015 USDC arrived before the snapshot and left after it]", text, StringComparison.Ordinal);
        Assert.Contains("USDC: 0.0002 USDC (1 rows); stable over the window 0.00005 USDC (1 of 1 rows measured)", text, StringComparison.Ordinal);
    }
}
