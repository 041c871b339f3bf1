// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Window;

/// <summary>The window inside <see cref="ReserveVerifier.VerifyAsync"/>: only verified rows on chains with a policy,
/// failures never change a verdict, stable totals, and the result JSON.</summary>
public sealed class WindowVerifierTests
{
    private const long H = 19_000_000;

    // Ethereum gets a window of 100 blocks each side, 4 samples, 10%; Bitcoin none.
    private static ReserveRegistry Registry() => ReserveRegistryParser.Parse(
        Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson().Replace(
            $"\"snapshot\": {{ \"height\": 19000000, \"hash\": \"{ReserveTestFixtures.EthHash}\" }} }}",
            $"\"snapshot\": {{ \"height\": 19000000, \"hash\": \"{ReserveTestFixtures.EthHash}\" }}, \"window\": {{ \"blocks_before\": 100, \"blocks_after\": 100, \"samples_each_side\": 4 }} }}",
            StringComparison.Ordinal)),
        "registry.json");

    private static ReserveVerifier Verifier(ScriptedWindowReader eth, UInt128 btcBalance) => new(Registry(), new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
    {
        ["bitcoin"] = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [ReserveTestFixtures.BtcAddress] = btcBalance }),
        ["ethereum"] = eth,
    }, new ReserveVerifierOptions());

    [Fact]
    public void Registry_WindowOnEthereumOnly()
    {
        Assert.Equal(new WindowPolicy(100, 100, 4, 1_000), Registry().Chains["ethereum"].Window);
        Assert.Null(Registry().Chains["bitcoin"].Window);
    }

    [Fact]
    public async Task VerifyAsync_BorrowedAroundSnapshot_VerifiedButStableIsWhatStays()
    {
        var eth = ReserveTestFixtures.EthereumRow();
        var btc = ReserveTestFixtures.BitcoinRow();
        var stays = eth.Amount / 10;
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, height) => Math.Abs(height - H) <= 30 ? eth.Amount : stays);
        var result = await Verifier(reader, btc.Amount).VerifyAsync(ReserveTestFixtures.Declaration(btc, eth), CancellationToken.None);
        Assert.True(result.AllVerified, string.Join("; ", result.Rows.Select(r => r.Message)));
        var row = result.Rows[1];
        Assert.NotNull(row.Window);
        Assert.True(row.Window.RoundTrip);
        Assert.Equal(eth.Amount - stays, row.Window.RoundTripAmount);
        Assert.Equal(stays, row.StableAmount);
        Assert.Null(result.Rows[0].Window); // no policy on bitcoin
        var ethTotal = result.Totals.Single(t => t.Asset == "ETH");
        Assert.Equal(eth.Amount, ethTotal.Verified);
        Assert.Equal(stays, ethTotal.Stable);
        Assert.Equal(1, ethTotal.StableRows);
        var btcTotal = result.Totals.Single(t => t.Asset == "BTC");
        Assert.Null(btcTotal.Stable);
        Assert.Equal(0, btcTotal.StableRows);

        using var json = JsonDocument.Parse(ReserveResultJson.Serialize(result));
        var window = json.RootElement.GetProperty("rows")[1].GetProperty("window");
        Assert.Equal(H - 100, window.GetProperty("from_height").GetInt64());
        Assert.Equal(H + 100, window.GetProperty("to_height").GetInt64());
        Assert.True(window.GetProperty("complete").GetBoolean());
        Assert.True(window.GetProperty("round_trip").GetBoolean());
        Assert.Equal(stays.ToString(), window.GetProperty("minimum").GetString());
        Assert.Equal(9, window.GetProperty("samples").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, window.GetProperty("failure").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rows")[0].GetProperty("window").ValueKind);
        var totals = json.RootElement.GetProperty("verified_reserves");
        Assert.Equal(JsonValueKind.Null, totals[0].GetProperty("stable_amount").ValueKind); // BTC
        Assert.Equal(stays.ToString(), totals[1].GetProperty("stable_amount").GetString()); // ETH
        Assert.Equal(1, totals[1].GetProperty("stable_rows").GetInt32());
        Assert.DoesNotContain(json.RootElement.GetProperty("unverified_claims").EnumerateArray(), t => t.TryGetProperty("stable_amount", out _));
    }

    [Fact]
    public async Task VerifyAsync_NodeFailsDuringWindow_RowStillVerifiedStableNotMeasured()
    {
        var eth = ReserveTestFixtures.EthereumRow();
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, _) => eth.Amount) { FailAtHeight = H + 25 };
        var result = await Verifier(reader, 0).VerifyAsync(ReserveTestFixtures.Declaration(eth), CancellationToken.None);
        var row = result.Rows.Single();
        Assert.Equal(RowStatus.Verified, row.Status);
        Assert.Contains("node error at height 19000025", row.Window!.Failure, StringComparison.Ordinal);
        Assert.Null(row.StableAmount);
        Assert.Equal(eth.Amount, result.VerifiedTotal("ETH"));
        Assert.Null(result.Totals.Single().Stable);
    }

    [Fact]
    public async Task VerifyAsync_FailedRow_NoWindowRead()
    {
        var eth = ReserveTestFixtures.EthereumRow();
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, height) => height == H ? eth.Amount - 1 : eth.Amount);
        var result = await Verifier(reader, 0).VerifyAsync(ReserveTestFixtures.Declaration(eth), CancellationToken.None);
        Assert.Equal(RowFailure.BalanceBelowClaim, result.Rows.Single().Failure);
        Assert.Null(result.Rows.Single().Window);
        Assert.Single(reader.Batches); // the snapshot read only
    }

    [Fact]
    public async Task VerifyAsync_WindowIncompleteBeyondTip_StableCountedAsUnmeasured()
    {
        var eth = ReserveTestFixtures.EthereumRow();
        var reader = new ScriptedWindowReader(ReserveTestFixtures.EthereumIdentity, (_, _, _) => eth.Amount) { Tip = H + 60 };
        var result = await Verifier(reader, 0).VerifyAsync(ReserveTestFixtures.Declaration(eth), CancellationToken.None);
        var row = result.Rows.Single();
        Assert.Equal(RowStatus.Verified, row.Status);
        Assert.False(row.Window!.Complete);
        Assert.Null(row.StableAmount);
        Assert.Null(result.Totals.Single().Stable);
        Assert.Equal(0, result.Totals.Single().StableRows);
    }
}
