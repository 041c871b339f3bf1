// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;
using Por.Liabilities.Audit;
using Por.Liabilities.Rounds;

namespace Por.Cli.Tests;

/// <summary>Auditor sampling of a zk round: the export reads the private openings in one pass, the audit verifies the
/// zk inclusion files against the manifest.</summary>
public sealed class AuditZkTests(ZkBundleFixture zk) : IClassFixture<ZkBundleFixture>
{
    private readonly string _work = Directory.CreateTempSubdirectory("por-audit-zk-").FullName;

    [Fact]
    public void ZkRound_HonestPasses_TamperedHoldingIsInvalid()
    {
        var list = Path.Combine(_work, "list.txt");
        File.WriteAllLines(list, [.. Enumerable.Range(1, 20).Select(i => $"user{i:D2}"), "whale"]);
        var sample = Path.Combine(_work, "sample.json");
        var drawn = CliRunner.Run("audit", "sample", "--round", zk.Bundle, "--list", list, "--seed-chain", "ethereum", "--seed-height", "21000000",
            "--seed-block-hash", "0x8e38b4dbf6b11fcc3b9dee84fb7986e29ca0a02cecd8977c161ff7333329681e", "--size", "8", "--out", sample);
        Assert.True(drawn.Exit == 0, drawn.Out + drawn.Err);
        var accounts = AuditSampleJson.Parse(File.ReadAllBytes(sample), sample).Accounts;
        Assert.Equal(8, accounts.Count);

        var export = Path.Combine(_work, "export");
        var run = CliRunner.Run("inclusion", "export", "--round", zk.Bundle, "--ids", sample, "--out", export, "--allow-test-parameters", "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal(8, CliRunner.Json(run.Out).GetProperty("files").GetInt32());
        string[] verify = ["audit", "verify", "--sample", sample, "--list", list, "--round", zk.Bundle, "--inclusions", export, "--allow-test-parameters", "--json"];
        var ok = CliRunner.Run(verify);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Equal(8, CliRunner.Json(ok.Out).GetProperty("included").GetInt32());

        // Each exported file is the one a single export gives.
        var single = Path.Combine(_work, "single.json");
        Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", zk.Bundle, "--account", accounts[5], "--out", single, "--allow-test-parameters").Exit);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(Path.Combine(export, InclusionExportLayout.RelativePath(accounts[5]))));

        var file = Path.Combine(export, InclusionExportLayout.RelativePath(accounts[0]));
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        var balances = node["account"]!["balances"]!.AsObject();
        var symbol = balances.Select(p => p.Key).First();
        balances[symbol] = balances[symbol]!.GetValue<string>() == "1" ? "2" : "1";
        File.WriteAllText(file, node.ToJsonString());
        var bad = CliRunner.Run(verify);
        Assert.Equal(1, bad.Exit);
        var json = CliRunner.Json(bad.Out);
        Assert.Equal("account_invalid", json.GetProperty("failure_code").GetString());
        Assert.Equal(accounts[0], json.GetProperty("not_included").EnumerateArray().Single().GetProperty("account_id").GetString());
    }
}
