// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Cli.Tests;

/// <summary><c>por demo --mode zk</c>: the same story with zk rounds (pinned set pol-v1-n8), kept small.</summary>
public sealed class DemoZkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-demo-zk-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Demo_ZkMode_TellsTheWholeStoryWithZkRounds()
    {
        var dir = Path.Combine(_dir, "demo");
        var (exit, output, err) = CliRunner.Run("demo", "--mode", "zk", "--accounts", "300", "--assets", "6", "--out", dir);
        Assert.True(exit == 0, output + err);
        for (var step = 1; step <= 10; step++)
        {
            Assert.Contains($"\n{step.ToString(System.Globalization.CultureInfo.InvariantCulture)}. ", "\n" + output, StringComparison.Ordinal);
        }

        Assert.Contains("2. Building round 'demo-", output, StringComparison.Ordinal);
        Assert.Contains("(zero knowledge: a STARK proof per batch of 256 accounts, parameter set pol-v1-n8)", output, StringComparison.Ordinal);
        Assert.Contains("3. Auditor: verifying every batch proof", output, StringComparison.Ordinal);
        Assert.Contains("  mode           zk (parameter set pol-v1-n8)", output, StringComparison.Ordinal);
        Assert.Contains("liabilities proven in zero knowledge", output, StringComparison.Ordinal);
        Assert.Contains("[pass   ] Liabilities proven in zero knowledge", output, StringComparison.Ordinal);
        Assert.Contains("[pass   ] Auditor attested", output, StringComparison.Ordinal);
        Assert.EndsWith($"verified: liabilities proof (300 accounts, zk), customer inclusion, 6 of 7 reserve rows, report, auditor attestation — see {Path.Combine(dir, "report", "report.html")}", output.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("accounts    ", output, StringComparison.Ordinal);

        var report = CliRunner.Json(File.ReadAllText(Path.Combine(dir, "report", "report.json")));
        var round = report.GetProperty("round");
        Assert.Equal("zk", round.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, round.GetProperty("account_count").ValueKind);
        Assert.Equal("pol-v1-n8", round.GetProperty("parameter_set").GetString());
        Assert.Equal(2, round.GetProperty("batch_count").GetInt32());
        Assert.Equal(["ETH", "SOL"], report.GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()));
        var history = report.GetProperty("history").GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.All(history, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("account_count").ValueKind));
        Assert.All(history, r => Assert.Equal("zk", r.GetProperty("mode").GetString()));
        Assert.Contains("data-mode=\"zk\"", File.ReadAllText(Path.Combine(dir, "report", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_ZkMode_Json_IsOneDocumentWithZkSummary()
    {
        var (exit, output, err) = CliRunner.Run("demo", "--mode", "zk", "--accounts", "40", "--assets", "4", "--out", Path.Combine(_dir, "demo"), "--json");
        Assert.True(exit == 0, output + err);
        var json = CliRunner.Json(output);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal("zk", json.GetProperty("mode").GetString());
        Assert.Equal("pol-v1-n8", json.GetProperty("parameter_set").GetString());
        Assert.Equal(1, json.GetProperty("batch_count").GetInt32());
        Assert.False(json.TryGetProperty("account_count", out _));
        Assert.Equal(4, json.GetProperty("totals").EnumerateObject().Count());
        Assert.True(json.GetProperty("attestation_verified").GetBoolean());
    }
}
