// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json.Nodes;
using Por.Reports;
using Por.Reserves;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>
/// Window dressing on a real chain (anvil): a custodian wallet holds 5 ETH and 2000 PTT, borrows 100 ETH and 1,000,000
/// PTT a few blocks before the snapshot, is verified at the snapshot with the loan, and returns both a few blocks
/// after. A control wallet holds 3 ETH and 700 PTT throughout. The verifier must verify all four rows at the snapshot,
/// report the custodian's stable reserves as what it held without the loan and flag the round trip, and leave the
/// control wallet unflagged with stable reserves equal to its claim.
/// </summary>
public sealed class WindowAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const string Custodian = "Window Custody";
    private const string Round = "2026-12";
    private const string Symbol = "PTT";
    private readonly AnvilReserveRound _round = new(anvil, Custodian, Round);

    private static readonly UInt128 s_ether = 1_000_000_000_000_000_000;

    [Fact]
    public async Task VerifyAsync_BorrowAndReturnAroundSnapshot_VerifiedButStableIsOwnFundsAndFlagged()
    {
        var (lender, custodian, control) = (Address(0), Address(1), Address(2));
        var token = await anvil.DeployAsync(lender, "PorTestToken");
        await anvil.SendAsync(lender, token, Call("mint(address,uint256)", Word(custodian), Word(2_000)));
        await anvil.SendAsync(lender, token, Call("mint(address,uint256)", Word(control), Word(700)));
        await anvil.SendAsync(lender, token, Call("mint(address,uint256)", Word(lender), Word(1_000_000)));
        await anvil.CallAsync("anvil_setBalance", custodian, Hex(5 * s_ether));
        await anvil.CallAsync("anvil_setBalance", control, Hex(3 * s_ether));
        await anvil.MineAsync(20);

        // The loan arrives at H − 3 (ETH) and H − 2 (PTT) …
        await anvil.SendAsync(lender, custodian, "0x", Hex(100 * s_ether));
        await anvil.SendAsync(lender, token, Call("transfer(address,uint256)", Word(custodian), Word(1_000_000)));
        await anvil.MineAsync(2);
        var (height, hash) = await anvil.LatestBlockAsync();

        // … and leaves at H + 3 and H + 4; the window (10 blocks each side, 5 samples) closes at H + 10.
        await anvil.MineAsync(2);
        await anvil.SendAsync(custodian, lender, "0x", Hex(100 * s_ether));
        await anvil.SendAsync(custodian, token, Call("transfer(address,uint256)", Word(lender), Word(1_000_000)));
        await anvil.MineAsync(20);

        var window = new JsonObject { ["blocks_before"] = 10, ["blocks_after"] = 10, ["samples_each_side"] = 5 };
        var result = await VerifyAsync(height, hash, token, window,
            Row(1, "ETH", null, 105 * s_ether, 18, height, hash),
            Row(1, Symbol, token, 1_002_000, 6, height, hash),
            Row(2, "ETH", null, 3 * s_ether, 18, height, hash),
            Row(2, Symbol, token, 700, 6, height, hash));
        Assert.True(result.AllVerified, string.Join("; ", result.Rows.Select(r => r.Message)));

        // Custodian, ETH: 105 at the snapshot, 5 before the loan, 5 minus the return's gas after it.
        var eth = result.Rows[0].Window!;
        Assert.True(eth.Complete, eth.Failure);
        Assert.Equal(11, eth.Samples.Count);
        Assert.Equal(105 * s_ether, eth.Samples.Single(s => s.Height == height).Balance);
        Assert.True(eth.RoundTrip);
        Assert.Equal(100 * s_ether, eth.RoundTripAmount);
        var stableEth = result.Rows[0].StableAmount!.Value;
        Assert.InRange(stableEth, (5 * s_ether) - (s_ether / 100), 5 * s_ether);

        // Custodian, PTT: exact (no gas in token units).
        Assert.True(result.Rows[1].Window!.RoundTrip);
        Assert.Equal((UInt128)1_000_000, result.Rows[1].Window!.RoundTripAmount);
        Assert.Equal((UInt128)2_000, result.Rows[1].StableAmount);

        // Control: steady, not flagged, stable equals its claim.
        Assert.False(result.Rows[2].Window!.RoundTrip);
        Assert.Equal(3 * s_ether, result.Rows[2].StableAmount);
        Assert.False(result.Rows[3].Window!.RoundTrip);
        Assert.Equal((UInt128)700, result.Rows[3].StableAmount);

        var ethTotal = result.Totals.Single(t => t.Asset == "ETH");
        Assert.Equal(108 * s_ether, ethTotal.Verified);
        Assert.Equal(stableEth + (3 * s_ether), ethTotal.Stable);
        Assert.Equal(2, ethTotal.StableRows);
        Assert.Equal((UInt128)2_700, result.Totals.Single(t => t.Asset == Symbol).Stable);

        // The written result passes the report's rechecks with the same figures.
        var evidence = ReserveResultReader.Parse(ReserveResultJson.Serialize(result), "anvil-result.json");
        Assert.Equal(stableEth + (3 * s_ether), evidence.Find("ETH")!.Stable);
        Assert.Equal(1, evidence.Find("ETH")!.RoundTripRows);
        Assert.Equal((UInt128)1_000_000, evidence.Find(Symbol)!.RoundTripAmount);
    }

    [Fact]
    public async Task VerifyAsync_WindowEndBeyondTip_VerifiedButStabilityNotMeasured()
    {
        var control = Address(2);
        await anvil.CallAsync("anvil_setBalance", control, Hex(3 * s_ether));
        await anvil.MineAsync(12);
        var (height, hash) = await anvil.LatestBlockAsync();
        await anvil.MineAsync(3);

        var window = new JsonObject { ["blocks_before"] = 10, ["blocks_after"] = 1_000, ["samples_each_side"] = 5 };
        var result = await VerifyAsync(height, hash, null, window, Row(2, "ETH", null, 3 * s_ether, 18, height, hash));
        var row = result.Rows.Single();
        Assert.Equal(RowStatus.Verified, row.Status);
        Assert.False(row.Window!.Complete);
        Assert.Null(row.Window.Failure);
        Assert.DoesNotContain(row.Window.Samples, s => s.Height > height + 3);
        Assert.Null(row.StableAmount);
        Assert.Null(result.Totals.Single().Stable);
    }

    private Task<ReserveVerificationResult> VerifyAsync(long height, string hash, string? token, JsonObject window, params ReserveRow[] rows) =>
        _round.VerifyAsync(AnvilRegistry.Parse(Round, height, hash, token is null ? null : [(Symbol, token, 6)], window), rows);

    private ReserveRow Row(int account, string asset, string? token, UInt128 amount, int decimals, long height, string hash) => token is null
        ? _round.Native(account, amount, height, hash) with { Asset = asset, Decimals = decimals }
        : _round.Token(account, asset, token, amount, decimals, height, hash);

    private static string Hex(UInt128 value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
