// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Demo;

namespace Por.Cli.Tests.Demo;

/// <summary>The summary claims only what the outcome establishes, and "solvent" only when every asset is covered.</summary>
public sealed class DemoSummaryTests
{
    private static readonly IReadOnlyList<StagedItem> s_staged = DemoStaging.For(SyntheticExchange.Assets(6));

    private static AssetFinding Covered(string symbol) => new(symbol, true, "105.00", false, 1, [], 0, "105.00");

    // What the demo stages, found as staged.
    private static DemoOutcome AsStaged() => new()
    {
        Mode = "transparent",
        Accounts = 1_000,
        Staged = s_staged,
        LiabilitiesVerified = true,
        InclusionVerified = true,
        ReserveRows = 7,
        ReserveRowsVerified = 6,
        Assets =
        [
            Covered("BTC"),
            new("ETH", true, "96.99", true, 1, [], 0, "96.99"),
            new("PAXG", false, null, false, 1, [], 0, null),
            new("SOL", true, "0.00", true, 0, ["not_in_registry"], 0, null),
            new("USDC", true, "107.99", false, 1, [], 1, "43.19"),
            Covered("USDT"),
            Covered("XRP"),
        ],
        ReportHtml = "/d/report/report.html",
        AttestationVerified = true,
    };

    [Fact]
    public void AsStaged_Succeeds_NamesEveryStepAndNoSolvency()
    {
        var outcome = AsStaged();
        Assert.True(DemoSummary.Succeeded(outcome));
        Assert.All(DemoSummary.Staged(outcome), s => Assert.True(s.Found, s.Detail));
        Assert.Empty(DemoSummary.Unexpected(outcome));
        Assert.Equal("verified: liabilities proof (1,000 accounts, transparent), customer inclusion, 6 of 7 reserve rows, report, auditor attestation — see /d/report/report.html", DemoSummary.Lines(outcome)[^1]);
        Assert.Equal("Coverage: NOT solvent on verified reserves: below 100%: ETH 96.99%, SOL 0.00%.", DemoSummary.Solvency(outcome));
        Assert.False(DemoSummary.EveryAssetCovered(outcome));
    }

    [Fact]
    public void EveryAssetAtLeast100_OnlyThenSolvent()
    {
        var outcome = AsStaged() with { Staged = [], Assets = [Covered("BTC"), Covered("USDT")] };
        Assert.True(DemoSummary.EveryAssetCovered(outcome));
        Assert.StartsWith("Coverage: every asset's verified reserves are at least 100%", DemoSummary.Solvency(outcome), StringComparison.Ordinal);

        // One asset at 99.99%: no solvency claim.
        var short1 = outcome with { Assets = [Covered("BTC"), new("USDT", true, "99.99", true, 1, [], 0, "99.99")] };
        Assert.False(DemoSummary.EveryAssetCovered(short1));
        Assert.StartsWith("Coverage: NOT solvent", DemoSummary.Solvency(short1), StringComparison.Ordinal);
        Assert.Contains("  USDT: verified reserves below liabilities (99.99%)", DemoSummary.Unexpected(short1).Select(u => "  " + u));

        // No report: no claim at all.
        Assert.False(DemoSummary.EveryAssetCovered(outcome with { ReportHtml = null }));
        Assert.Equal("Coverage: not established (no verified report).", DemoSummary.Solvency(outcome with { ReportHtml = null }));
    }

    [Fact]
    public void LiabilitiesFailed_LastLineClaimsNothing()
    {
        var outcome = new DemoOutcome { Mode = "zk", Accounts = 10, Staged = s_staged, LiabilitiesVerified = false, InclusionVerified = true };
        Assert.False(DemoSummary.Succeeded(outcome));
        Assert.Equal("verified: customer inclusion", DemoSummary.LastLine(outcome));
        Assert.Equal(["liabilities proof", "reserves", "report", "auditor attestation"], DemoSummary.NotVerified(outcome));
        Assert.All(DemoSummary.Staged(outcome), s => Assert.False(s.Found));
        Assert.Contains("NOT verified: liabilities proof, reserves, report, auditor attestation", DemoSummary.Lines(outcome));
        Assert.Equal("verified: nothing", DemoSummary.LastLine(outcome with { InclusionVerified = false }));
    }

    [Fact]
    public void StagedShortfallNotDetected_NotFoundAndFails()
    {
        // The verifier let ETH through at 100% and did not flag USDC: the demo must say so and fail.
        var outcome = AsStaged();
        outcome = outcome with
        {
            Assets = [.. outcome.Assets.Select(a => a.Symbol switch
            {
                "ETH" => a with { RatioPercent = "100.00", BelowFull = false },
                "USDC" => a with { RoundTripRows = 0 },
                _ => a,
            })],
        };
        Assert.False(DemoSummary.Succeeded(outcome));
        var lines = DemoSummary.Lines(outcome);
        Assert.Contains("  [NOT FOUND] ETH: ratio 100.00% was not flagged below 100%", lines);
        Assert.Contains("  [NOT FOUND] USDC: no round trip was flagged", lines);
    }

    [Fact]
    public void UnstagedRoundTripAndFailedRow_AreListed()
    {
        var outcome = AsStaged();
        outcome = outcome with
        {
            ReserveRowsVerified = 5,
            Assets = [.. outcome.Assets.Select(a => a.Symbol switch
            {
                "BTC" => a with { RoundTripRows = 2 },
                "XRP" => a with { FailureCodes = ["balance_below_claim"], VerifiedRows = 0, RatioPercent = "0.00", BelowFull = true },
                _ => a,
            })],
        };
        Assert.False(DemoSummary.Succeeded(outcome));
        Assert.Equal(
            ["BTC: 2 wallet(s) flagged for a round trip around the snapshot", "XRP: 1 reserve row(s) failed (balance_below_claim)", "XRP: verified reserves below liabilities (0.00%)"],
            DemoSummary.Unexpected(outcome));
        Assert.Contains("5 of 7 reserve rows", DemoSummary.LastLine(outcome), StringComparison.Ordinal);
    }
}
