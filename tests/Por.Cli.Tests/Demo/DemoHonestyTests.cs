// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Por.Cli.Commands;
using Por.Cli.Demo;
using Por.Cli.Infrastructure;
using Por.Reports.Attestation;

namespace Por.Cli.Tests.Demo;

/// <summary>
/// <c>por demo</c> says up front what it stages, says at the end whether each staged problem was found, and its last
/// line names only what verified: checked against the files the run wrote, and against runs where a step is made to fail.
/// </summary>
public sealed partial class DemoHonestyTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    // The demo fixture: 300 accounts, 6 assets (USDT, BTC, ETH, USDC, SOL, XRP).
    private static readonly string[] s_stagedAssets = ["ETH", "SOL", "USDC", "PAXG"];

    [Fact]
    public void Demo_AnnouncesEveryStagedItemBeforeBuilding()
    {
        var text = demo.Text;
        var build = text.IndexOf("2. Building round", StringComparison.Ordinal);
        Assert.True(build > 0);
        var announced = text.IndexOf("Staged on purpose (the checks below must find each of these, and nothing else):", StringComparison.Ordinal);
        Assert.InRange(announced, 0, build);
        var staged = DemoStaging.For(SyntheticExchange.Assets(6));
        Assert.Equal(s_stagedAssets, staged.Select(s => s.Asset));
        foreach (var item in staged)
        {
            Assert.InRange(text.IndexOf("   - " + item.Description, StringComparison.Ordinal), announced, build);
        }
    }

    [Fact]
    public void Demo_Summary_ReportsEachStagedItemFound_AsTheResultFilesShow()
    {
        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(demo.Path, "reserves-result.json")));
        var rows = result.RootElement.GetProperty("rows").EnumerateArray().ToList();

        // The files: SOL's only row refused as not_in_registry, USDC's wallet flagged for a round trip, ETH and SOL below 100%.
        var sol = Assert.Single(rows, r => r.GetProperty("asset").GetString() == "SOL");
        Assert.Equal("not_in_registry", sol.GetProperty("failure").GetString());
        var usdc = Assert.Single(rows, r => r.GetProperty("asset").GetString() == "USDC");
        Assert.True(usdc.GetProperty("window").GetProperty("round_trip").GetBoolean());
        Assert.Single(rows, r => r.GetProperty("status").GetString() == "failed");
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(demo.Path, "report", "report.json")));
        var flagged = report.RootElement.GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["ETH", "SOL"], flagged);

        // The summary says the same.
        var lines = Lines(demo.Text);
        Assert.Contains("  [found] ETH: ratio 96.99%, flagged below 100%", lines);
        Assert.Contains("  [found] SOL: the row failed (not_in_registry); ratio 0.00%, flagged below 100%", lines);
        Assert.Contains(lines, l => l.StartsWith("  [found] USDC: round trip flagged on 1 wallet(s); stable ratio ", StringComparison.Ordinal));
        Assert.Contains("  [found] PAXG: verified and shown apart, not counted against liabilities", lines);
        Assert.DoesNotContain(lines, l => l.Contains("NOT FOUND", StringComparison.Ordinal));
        Assert.Contains("Found but not staged: nothing.", lines);
        Assert.Contains($"Coverage: NOT solvent on verified reserves: below 100%: {string.Join(", ", flagged.Select(f => f + " " + (f == "ETH" ? "96.99" : "0.00") + "%"))}.", lines);
    }

    [Fact]
    public void Demo_LastLine_NamesExactlyWhatVerified()
    {
        var last = Lines(demo.Text)[^1];
        var html = Path.Combine(demo.Path, "report", "report.html");
        Assert.Equal($"verified: liabilities proof (300 accounts, transparent), customer inclusion, 6 of 7 reserve rows, report, auditor attestation — see {html}", last);
        Assert.DoesNotContain("solvent", last, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Lines(demo.Text), l => l.StartsWith("NOT verified", StringComparison.Ordinal));

        // Each claim holds in the files: 6 of the 7 rows verified, and the attestation verifies with the published key.
        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(demo.Path, "reserves-result.json")));
        var statuses = result.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        var claimed = RowsClaim().Match(last);
        Assert.Equal(statuses.Count(s => s == "verified"), int.Parse(claimed.Groups["verified"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(statuses.Count, int.Parse(claimed.Groups["rows"].Value, CultureInfo.InvariantCulture));
        Assert.True(File.Exists(html));
        var attestation = AttestationJson.Parse(File.ReadAllBytes(Path.Combine(demo.Path, "report", "attestation.json")), "attestation.json");
        var check = Attestor.Verify(attestation, Path.Combine(demo.Path, "round", "manifest.json"), Path.Combine(demo.Path, "report", "report.json"), AuditorKey.Read(Path.Combine(demo.Path, "auditor.pub.json"), requireSecret: false));
        Assert.True(check.IsValid, check.Message);
    }

    [Fact]
    public void Demo_NodeUnderreportsAWallet_RowNotClaimed_ExitOne()
    {
        using var dir = new Por.Testing.TempDirectory();
        var (exit, text) = RunWithFault(dir.Path, DemoFault.NodeUnderreports);
        Assert.Equal(ExitCodes.VerificationFailed, exit);
        var lines = Lines(text);

        // USDT is the first wallet nothing stages: its row fails on the balance, and the demo says so and claims 5 of 7.
        using var result = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "reserves-result.json")));
        var usdt = Assert.Single(result.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("asset").GetString() == "USDT");
        Assert.Equal("balance_below_claim", usdt.GetProperty("failure").GetString());
        Assert.Contains("Found but NOT staged:", lines);
        Assert.Contains("  USDT: 1 reserve row(s) failed (balance_below_claim)", lines);
        Assert.Contains("  USDT: verified reserves below liabilities (0.00%)", lines);
        Assert.StartsWith("verified: liabilities proof (60 accounts, transparent), customer inclusion, 5 of 7 reserve rows, report, auditor attestation — see ", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Coverage: NOT solvent on verified reserves: below 100%: USDT 0.00%, ", StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_AttestationDoesNotVerify_NotClaimed_ExitOne()
    {
        using var dir = new Por.Testing.TempDirectory();
        var (exit, text) = RunWithFault(dir.Path, DemoFault.AttestationWrongKey);
        Assert.Equal(ExitCodes.VerificationFailed, exit);
        var lines = Lines(text);
        Assert.Contains("NOT verified: auditor attestation", lines);
        Assert.DoesNotContain("attestation", lines[^1], StringComparison.Ordinal);
        Assert.StartsWith("verified: liabilities proof (60 accounts, transparent), customer inclusion, 6 of 7 reserve rows, report — see ", lines[^1], StringComparison.Ordinal);

        // The files agree: the attestation does not verify with the published auditor key.
        var attestation = AttestationJson.Parse(File.ReadAllBytes(Path.Combine(dir.Path, "report", "attestation.json")), "attestation.json");
        Assert.False(Attestor.Verify(attestation, Path.Combine(dir.Path, "round", "manifest.json"), Path.Combine(dir.Path, "report", "report.json"), AuditorKey.Read(Path.Combine(dir.Path, "auditor.pub.json"), requireSecret: false)).IsValid);
    }

    [Fact]
    public void Demo_Json_SummaryFieldsFollowTheFault()
    {
        using var dir = new Por.Testing.TempDirectory();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandRunner.Run(new CliContext(stdout, stderr, json: true), ctx => DemoCommand.Run(ctx, new DemoSettings(dir.Path, 60, 6, Zk: false, DemoFault.AttestationWrongKey)));
        Assert.Equal(ExitCodes.VerificationFailed, exit);
        var json = CliRunner.Json(stdout.ToString());
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal(["auditor attestation"], json.GetProperty("not_verified").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("auditor attestation", json.GetProperty("verified").EnumerateArray().Select(e => e.GetString()));
        Assert.All(json.GetProperty("staged").EnumerateArray(), s => Assert.True(s.GetProperty("found").GetBoolean()));
        Assert.False(json.GetProperty("every_asset_covered").GetBoolean());
        Assert.DoesNotContain("attestation", json.GetProperty("summary").GetString()!, StringComparison.Ordinal);
    }

    private static (int Exit, string Text) RunWithFault(string dir, DemoFault fault)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandRunner.Run(new CliContext(stdout, stderr, json: false), ctx => DemoCommand.Run(ctx, new DemoSettings(dir, 60, 6, Zk: false, fault)));
        return (exit, stdout.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [GeneratedRegex(@"(?<verified>\d+) of (?<rows>\d+) reserve rows", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex RowsClaim();
}
