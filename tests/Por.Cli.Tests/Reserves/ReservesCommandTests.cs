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

    [Fact]
    public async Task RunAsync_OkxStaticMessageWithoutFlag_ExitOneAndRowsFailed()
    {
        var output = new StringWriter();
        var code = await ReservesCommand.RunAsync(new FileInfo(Okx("okx_por_example.csv")), null, json: true, allowStaticMessage: false, round: null, output, new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitFailed, code);
        using var document = JsonDocument.Parse(output.ToString());
        Assert.Equal("por-reserves-result/1", document.RootElement.GetProperty("format").GetString());
        Assert.Empty(document.RootElement.GetProperty("verifiedReserves").EnumerateArray());
        Assert.All(document.RootElement.GetProperty("rows").EnumerateArray(), r => Assert.Equal("failed", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task RunAsync_StaticFlagWithoutNodes_OwnershipPassesButBalancesFailClosed()
    {
        var output = new StringWriter();
        var code = await ReservesCommand.RunAsync(new FileInfo(Okx("test.csv")), null, json: false, allowStaticMessage: true, round: null, output, new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitFailed, code);
        var text = output.ToString();
        Assert.Contains("no node configured", text, StringComparison.Ordinal);
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
            var code = await ReservesCommand.RunAsync(new FileInfo(path), null, json: false, false, null, new StringWriter(), error, TestContext.Current.CancellationToken);
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
        var code = await ReservesCommand.RunAsync(new FileInfo("/nonexistent/por.json"), null, false, false, null, new StringWriter(), new StringWriter(), TestContext.Current.CancellationToken);
        Assert.Equal(ReservesCommand.ExitEnvironment, code);
    }

    [Fact]
    public void Invoke_WithoutFile_ExitTwo() =>
        Assert.Equal(ReservesCommand.ExitInvalidInput, Program.Run(["reserves", "verify"], new StringWriter(), new StringWriter()));

    [Fact]
    public void Invoke_OkxAuditorFileWithFlags_RunsThroughCommandLine()
    {
        var output = new StringWriter();
        var code = Program.Run(["reserves", "verify", "--file", Okx("test.csv"), "--allow-static-message", "--json"], output, new StringWriter());
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
        File.WriteAllText(nodes, """{"format": "por-nodes/1", "chains": {"ethereum": {"kind": "evm", "url": "http://127.0.0.1:1", "chainId": 1, "nativeAsset": "ETH", """ + $"\"{field}\": {value}" + "}}}");
        try
        {
            var error = new StringWriter();
            var code = Program.Run(["reserves", "verify", "--file", Okx("test.csv"), "--nodes", nodes, "--allow-static-message"], new StringWriter(), error);
            Assert.Equal(ReservesCommand.ExitInvalidInput, code);
            Assert.Contains($"field 'chains.ethereum.{field}': must be an integer {expected}", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(nodes);
        }
    }
}
