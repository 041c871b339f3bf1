// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Cli.Commands;

namespace Por.Cli.Tests.Reserves;

/// <summary>Bad declarations reach the command line as exit 2 with one located line, never a stack trace or a verdict.</summary>
public sealed class ReservesBadInputTests : IDisposable
{
    private const string BtcHash = "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054";
    private readonly string _directory = Directory.CreateTempSubdirectory("por-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Registry()
    {
        var path = Path.Combine(_directory, "registry.json");
        File.WriteAllText(path, $$"""
            {
              "format": "por-reserves-registry/1", "round": "r", "network": "mainnet",
              "chains": {
                "bitcoin": { "family": "bitcoin", "bitcoinNetwork": "bitcoin", "genesis": "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", "snapshot": { "height": 800000, "hash": "{{BtcHash}}" } }
              },
              "assets": { "BTC": { "decimals": 8, "holdings": [ { "chain": "bitcoin" } ] } }
            }
            """);
        return path;
    }

    private static string Row(string amount, string address = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4") =>
        $$"""{ "asset": "BTC", "chain": "bitcoin", "address": "{{address}}", "amount": "{{amount}}", "decimals": 8, "snapshotHeight": 800000, "snapshotBlockHash": "{{BtcHash}}", "scheme": "bip137", "signatures": ["AA=="] }""";

    private static string Declaration(string rows, string custodian = "Acme", string round = "r") =>
        "{\n  \"format\": \"por-reserves/1\",\n  \"custodian\": \"" + custodian + "\",\n  \"round\": \"" + round + "\",\n  \"rows\": [\n    " + rows + "\n  ]\n}\n";

    private (int Exit, string Out, string Err) Verify(byte[] declaration, bool json = false)
    {
        var path = Path.Combine(_directory, $"d-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, declaration);
        string[] args = ["reserves", "verify", "--file", path, "--registry", Registry()];
        return CliRunner.Run(json ? [.. args, "--json"] : args);
    }

    private static void AssertOneLineExitTwo((int Exit, string Out, string Err) run, string field, string reason)
    {
        Assert.Equal(ReservesCommand.ExitInvalidInput, run.Exit);
        // The error is one line, the last; only progress lines (an error found after the verifier ran) may precede it.
        var lines = run.Err.TrimEnd('\n').Split('\n');
        var line = lines[^1];
        Assert.All(lines[..^1], progress => Assert.Contains(" | elapsed ", progress, StringComparison.Ordinal));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains($"field '{field}'", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", run.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Verify_ValidDeclaration_RunsToAVerdict()
    {
        // The baseline of the mutations below: it reaches the verifier (exit 1: the dummy signature fails).
        var run = Verify(Encoding.UTF8.GetBytes(Declaration(Row("1"))));
        Assert.Equal(ReservesCommand.ExitFailed, run.Exit);
        Assert.Contains("Some rows failed verification.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TotalOf2Pow128OrMore_ExitTwo()
    {
        // Each amount is below 2^128; their sum is not.
        const string Half = "170141183460469231731687303715884105728";
        var rows = Row(Half) + ",\n    " + Row(Half, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        AssertOneLineExitTwo(Verify(Encoding.UTF8.GetBytes(Declaration(rows))), "amount", "2^128");
    }

    [Fact]
    public void Verify_NoRows_ExitTwoNotAllVerified()
    {
        var run = Verify("{\"format\": \"por-reserves/1\", \"custodian\": \"Acme\", \"round\": \"r\", \"rows\": []}"u8.ToArray());
        AssertOneLineExitTwo(run, "rows", "at least one row");
        Assert.DoesNotContain("All rows verified", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OkxCsvHeaderOnly_ExitTwo()
    {
        var path = Path.Combine(_directory, "okx.csv");
        File.WriteAllText(path, "coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\n");
        var run = CliRunner.Run("reserves", "verify", "--file", path, "--registry", Registry());
        AssertOneLineExitTwo(run, "(rows)", "at least one row");
    }

    [Fact]
    public void Verify_InvalidUtf8InCustodian_ExitTwoNamingField()
    {
        var bytes = Encoding.UTF8.GetBytes(Declaration(Row("1"), custodian: "Ac@me")).Select(b => b == (byte)'@' ? (byte)0xC3 : b).ToArray();
        AssertOneLineExitTwo(Verify(bytes), "custodian", "UTF-8");
    }

    [Theory]
    [InlineData("Acme", "r\\nforged: line", "round")]
    [InlineData("Acme\\u0000", "r", "custodian")]
    [InlineData("Acme\u009b", "r", "custodian")]
    public void Verify_ControlCharacterInCustodianOrRound_ExitTwoNamingField(string custodian, string round, string field) =>
        AssertOneLineExitTwo(Verify(Encoding.UTF8.GetBytes(Declaration(Row("1"), custodian, round))), field, "control character");

    [Theory]
    [InlineData("\"custodian\": \"Acme\",", "custodian")]
    [InlineData("\"amount\": \"1\",", "rows[0].amount")]
    public void Verify_RepeatedProperty_ExitTwoNamingField(string property, string field)
    {
        var json = Declaration(Row("1"));
        AssertOneLineExitTwo(Verify(Encoding.UTF8.GetBytes(json.Replace(property, property + " " + property, StringComparison.Ordinal))), field, "given twice");
    }

    [Fact]
    public void Verify_BadInputWithJson_ErrorDocumentOnStdout()
    {
        var run = Verify("{\"format\": \"por-reserves/1\", \"custodian\": \"Acme\", \"round\": \"r\", \"rows\": []}"u8.ToArray(), json: true);
        Assert.Equal(ReservesCommand.ExitInvalidInput, run.Exit);
        var document = CliRunner.Json(run.Out);
        Assert.Equal("error", document.GetProperty("status").GetString());
        Assert.Equal(2, document.GetProperty("exit_code").GetInt32());
        Assert.Contains("field 'rows'", document.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
