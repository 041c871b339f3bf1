// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Reserves.Tests;

public sealed class ReserveVerifierTests
{
    private static readonly ReserveVerifierOptions s_strict = new();

    [Fact]
    public async Task VerifyAsync_ValidRowsAndCoveringBalances_AllVerifiedWithExactTotals()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var eth = ReserveTestFixtures.EthereumRow();
        var result = await Verifier(btc.Amount + 1, eth.Amount).VerifyAsync(ReserveTestFixtures.Declaration(btc, eth), CancellationToken.None);
        Assert.True(result.AllVerified, string.Join("; ", result.Rows.Select(r => r.Message)));
        Assert.Equal(btc.Amount, result.VerifiedTotal("BTC"));
        Assert.Equal(eth.Amount, result.VerifiedTotal("ETH"));
        Assert.All(result.Rows, r => Assert.False(r.Replayable));
    }

    [Fact]
    public async Task VerifyAsync_SignatureFromOtherRound_FailsAndNotCounted()
    {
        var old = ReserveTestFixtures.BitcoinRow(round: "2026-10") with { Message = null };
        var result = await Verifier(old.Amount, 0).VerifyAsync(ReserveTestFixtures.Declaration(old), CancellationToken.None);
        Assert.Equal(RowFailure.OwnershipFailed, result.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, result.Rows[0].Ownership.Failure);
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("BTC"));
        Assert.Equal(old.Amount, result.Totals.Single().Unverified);
    }

    [Fact]
    public async Task VerifyAsync_OtherCustodianChallenge_Fails()
    {
        var foreign = ReserveTestFixtures.EthereumRow(custodian: "Someone Else");
        var result = await Verifier(0, foreign.Amount).VerifyAsync(ReserveTestFixtures.Declaration(foreign), CancellationToken.None);
        Assert.Equal(RowFailure.OwnershipFailed, result.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, result.Rows[0].Ownership.Failure);
    }

    [Fact]
    public async Task VerifyAsync_StaticMessageWithoutFlag_FailsWithFlagReplayable()
    {
        var row = ReserveTestFixtures.EthereumRow();
        var staticRow = row with { Message = Por.Reserves.ChallengeMessage.For(ReserveTestFixtures.Custodian, ReserveTestFixtures.Round, "ethereum", 19000000, ReserveTestFixtures.EthHash) + " " };
        var strict = await Verifier(0, row.Amount).VerifyAsync(ReserveTestFixtures.Declaration(staticRow), CancellationToken.None);
        Assert.Equal(RowFailure.OwnershipFailed, strict.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.MessageMismatch, strict.Rows[0].Ownership.Failure);
        Assert.Contains("challenge", strict.Rows[0].Message, StringComparison.Ordinal);

        var okx = TestData.PathOf("vectors/okx/okx_por_example.csv");
        var declaration = ReserveDeclarationParser.ReadFile(okx);
        var ethReader = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, declaration.Rows.ToDictionary(r => r.Address, r => r.Amount, StringComparer.Ordinal));
        var lenient = new ReserveVerifier(OkxRegistry(), new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["ethereum"] = ethReader }, new ReserveVerifierOptions { AllowStaticMessage = true });
        var result = await lenient.VerifyAsync(declaration, CancellationToken.None);
        var first = result.Rows[0];
        Assert.True(first.IsValid, first.Message);
        Assert.Equal(RowStatus.Verified, first.Status);
        Assert.True(first.Replayable);
        Assert.Contains("replayable", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_BalanceBelowClaim_Fails()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var result = await Verifier(btc.Amount - 1, 0).VerifyAsync(ReserveTestFixtures.Declaration(btc), CancellationToken.None);
        Assert.Equal(RowFailure.BalanceBelowClaim, result.Rows[0].Failure);
        Assert.Contains("below the claimed", result.Rows[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NoNodeForChain_FailsClosed()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var result = await new ReserveVerifier(ReserveTestFixtures.Registry, new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal), s_strict).VerifyAsync(ReserveTestFixtures.Declaration(btc), CancellationToken.None);
        Assert.Equal(RowFailure.NodeNotConfigured, result.Rows[0].Failure);
        Assert.Contains("no node configured", result.Rows[0].Message, StringComparison.Ordinal);
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("BTC"));
    }

    [Theory]
    [InlineData(NodeFailureKind.Timeout, RowFailure.NodeUnavailable)]
    [InlineData(NodeFailureKind.RateLimited, RowFailure.NodeUnavailable)]
    [InlineData(NodeFailureKind.WrongChain, RowFailure.WrongChain)]
    [InlineData(NodeFailureKind.BlockMismatch, RowFailure.SnapshotMismatch)]
    [InlineData(NodeFailureKind.NoHistoricalState, RowFailure.NodeUnavailable)]
    public async Task VerifyAsync_NodeFailure_FailsEveryRowOfThatChainOnly(NodeFailureKind kind, RowFailure expected)
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var btc2 = btc with { Line = 3, Amount = 1, Token = null, Address = "15CRxFdyRpGZLW9w8HnHvVduizdL5jKNbs" };
        var eth = ReserveTestFixtures.EthereumRow();
        var nodes = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
        {
            ["bitcoin"] = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal), new NodeException(kind, "scripted failure")),
            ["ethereum"] = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [eth.Address] = eth.Amount }),
        };
        var result = await new ReserveVerifier(ReserveTestFixtures.Registry, nodes, s_strict).VerifyAsync(ReserveTestFixtures.Declaration(btc, btc2, eth), CancellationToken.None);
        Assert.Equal(expected, result.Rows[0].Failure);
        Assert.Contains(kind.ToString(), result.Rows[0].Message, StringComparison.Ordinal);
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("BTC"));
        Assert.Equal(RowStatus.Verified, result.Rows[2].Status);
    }

    [Fact]
    public async Task VerifyAsync_SameAddressTwice_BothFailAsDoubleCounting()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var result = await Verifier(btc.Amount * 2, 0).VerifyAsync(ReserveTestFixtures.Declaration(btc, btc with { Line = 5 }), CancellationToken.None);
        Assert.All(result.Rows, r => Assert.Equal(RowFailure.DuplicateClaim, r.Failure));
        Assert.All(result.Rows, r => Assert.Contains("double counting", r.Message, StringComparison.Ordinal));
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("BTC"));
    }

    [Fact]
    public async Task VerifyAsync_TokenAssetWithoutContract_NotInRegistry()
    {
        var usdt = ReserveTestFixtures.EthereumRow() with { Asset = "USDT", Decimals = 6, Amount = 1 };
        var result = await Verifier(0, UInt128.MaxValue).VerifyAsync(ReserveTestFixtures.Declaration(usdt), CancellationToken.None);
        Assert.Equal(RowFailure.NotInRegistry, result.Rows[0].Failure);
        Assert.Contains("counts only as " + ReserveTestFixtures.UsdtContract, result.Rows[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_WrongExpectedRound_Fails()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var verifier = new ReserveVerifier(ReserveTestFixtures.Registry, Nodes(btc.Amount, 0), new ReserveVerifierOptions { ExpectedRound = "2026-12" });
        var result = await verifier.VerifyAsync(ReserveTestFixtures.Declaration(btc), CancellationToken.None);
        Assert.Equal(RowFailure.OwnershipFailed, result.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.RoundMismatch, result.Rows[0].Ownership.Failure);
    }

    [Fact]
    public async Task VerifyAsync_UnsupportedImportedRow_FailsButListedAsUnverifiedClaim()
    {
        var declaration = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/okx_por_example.csv"));
        var result = await new ReserveVerifier(OkxRegistry(), new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal), new ReserveVerifierOptions { AllowStaticMessage = true }).VerifyAsync(declaration, CancellationToken.None);
        var ton = result.Rows.Single(r => string.Equals(r.Chain, "ton", StringComparison.Ordinal));
        Assert.Equal(RowFailure.NotInRegistry, ton.Failure);
        Assert.Equal(OwnershipFailure.NotChecked, ton.Ownership.Failure);
        Assert.Contains("not in the round's registry", ton.Message, StringComparison.Ordinal);
        Assert.Contains(result.Totals, t => string.Equals(t.Asset, "USDT", StringComparison.Ordinal) && t.FailedRows > 0);
    }

    [Fact]
    public async Task ResultJson_Serialize_HasVersionAndDecimalStrings()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var result = await Verifier(btc.Amount, 0).VerifyAsync(ReserveTestFixtures.Declaration(btc), CancellationToken.None);
        using var document = System.Text.Json.JsonDocument.Parse(ReserveResultJson.Serialize(result));
        var root = document.RootElement;
        Assert.Equal("por-reserves-result/3", root.GetProperty("format").GetString());
        Assert.Equal("150000000", root.GetProperty("verified_reserves")[0].GetProperty("amount").GetString());
        Assert.Equal("verified", root.GetProperty("rows")[0].GetProperty("status").GetString());
    }

    // OKX publishes heights but no block hashes; its rows name no hash and are read at the registry's.
    private static Por.Reserves.Registry.ReserveRegistry OkxRegistry() => Por.Reserves.Registry.ReserveRegistryParser.Parse(System.Text.Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson("okx-static-message")
        .Replace("\"height\": 19000000", "\"height\": 20914735", StringComparison.Ordinal)), "okx-registry.json");

    private static ReserveVerifier Verifier(UInt128 btcBalance, UInt128 ethBalance) => new(ReserveTestFixtures.Registry, Nodes(btcBalance, ethBalance), s_strict);

    private static Dictionary<string, IChainBalanceReader> Nodes(UInt128 btcBalance, UInt128 ethBalance) => new(StringComparer.Ordinal)
    {
        ["bitcoin"] = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [ReserveTestFixtures.BtcAddress] = btcBalance }),
        ["ethereum"] = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [ReserveTestFixtures.EthAddress] = ethBalance }),
    };
}
