// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Registry;

/// <summary>Each registry check of <see cref="ReserveVerifier"/> with an honestly signed row that the check alone stops.</summary>
public sealed class RegistryVerificationTests
{
    private static readonly ReserveVerifierOptions s_strict = new();

    [Fact]
    public async Task Verify_HonestRows_Count()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var eth = ReserveTestFixtures.EthereumRow();
        var result = await Verify(ReserveTestFixtures.Declaration(btc, eth), btc.Amount, eth.Amount);
        Assert.True(result.AllVerified, string.Join("; ", result.Rows.Select(r => r.Message)));
        Assert.Equal(ReserveTestFixtures.Registry.Sha256, result.RegistrySha256);
    }

    [Fact]
    public async Task Verify_ChainNotInRegistry_NotInRegistryAndNoNodeRead()
    {
        var row = ReserveTestFixtures.BitcoinRow() with { Chain = "bitcoin-testnet" };
        var reader = Reader(ReserveTestFixtures.BitcoinIdentity, row.Address, row.Amount);
        var result = await new ReserveVerifier(ReserveTestFixtures.Registry, new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["bitcoin-testnet"] = reader }, s_strict)
            .VerifyAsync(ReserveTestFixtures.Declaration(row), CancellationToken.None);
        Assert.Equal(RowFailure.NotInRegistry, result.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.NotChecked, result.Rows[0].Ownership.Failure);
        Assert.Equal(0, reader.Calls);
    }

    [Fact]
    public async Task Verify_AssetNotInRegistry_NotInRegistry()
    {
        var row = ReserveTestFixtures.EthereumRow() with { Asset = "STETH" };
        Assert.Equal(RowFailure.NotInRegistry, (await Verify(ReserveTestFixtures.Declaration(row), 0, row.Amount)).Rows[0].Failure);
    }

    [Fact]
    public async Task Verify_AssetOnChainWhereItDoesNotCount_NotInRegistry()
    {
        // ETH claimed as a token on Ethereum: the registry lists ETH only as Ethereum's native coin.
        var row = ReserveTestFixtures.EthereumRow() with { Token = ReserveTestFixtures.UsdtContract };
        var outcome = (await Verify(ReserveTestFixtures.Declaration(row), 0, row.Amount)).Rows[0];
        Assert.Equal(RowFailure.NotInRegistry, outcome.Failure);
        Assert.Contains("counts only as the native coin", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeclaredDecimalsNotTheRegistrys_DecimalsMismatch()
    {
        // The case: BTC declared with decimals 0 and amount 1000, backed by 1,000 satoshis.
        var row = ReserveTestFixtures.BitcoinRow(amount: 1000) with { Decimals = 0 };
        var outcome = (await Verify(ReserveTestFixtures.Declaration(row), 1000, 0)).Rows[0];
        Assert.Equal(RowFailure.DecimalsMismatch, outcome.Failure);
        Assert.Equal(UInt128.Zero, (await Verify(ReserveTestFixtures.Declaration(row), 1000, 0)).VerifiedTotal("BTC"));
    }

    [Fact]
    public async Task Verify_TokenDecimalsOnChainDiffer_DecimalsMismatch()
    {
        var row = UsdtRow();
        var ethereum = Reader(ReserveTestFixtures.EthereumIdentity, row.Address, row.Amount);
        ethereum.TokenDecimals[ReserveTestFixtures.UsdtContract] = 18;
        var outcome = (await VerifyWith(ReserveTestFixtures.Declaration(row), ethereum)).Rows[0];
        Assert.Equal(RowFailure.DecimalsMismatch, outcome.Failure);
        Assert.Contains("18 decimals on chain", outcome.Message, StringComparison.Ordinal);

        ethereum.TokenDecimals[ReserveTestFixtures.UsdtContract] = 6;
        Assert.True((await VerifyWith(ReserveTestFixtures.Declaration(row), ethereum)).Rows[0].IsValid);
    }

    [Fact]
    public async Task Verify_TokenDecimalsUnreadable_DecimalsMismatch()
    {
        var row = UsdtRow();
        var outcome = (await VerifyWith(ReserveTestFixtures.Declaration(row), Reader(ReserveTestFixtures.EthereumIdentity, row.Address, row.Amount))).Rows[0];
        Assert.Equal(RowFailure.DecimalsMismatch, outcome.Failure);
        Assert.Contains("cannot be read", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TokenDecimalsNodeCannotAnswer_OnlyThatTokensRowsFail()
    {
        // A node that cannot run contract calls at the snapshot (a TRON node not held there): the native rows still count.
        var usdt = UsdtRow();
        var eth = ReserveTestFixtures.EthereumRow() with { Line = 3 };
        var ethereum = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [eth.Address] = eth.Amount }) { DecimalsFailure = NodeFailureKind.NoHistoricalState };
        var result = await VerifyWith(ReserveTestFixtures.Declaration(usdt, eth), ethereum);
        Assert.Equal(RowFailure.NodeUnavailable, result.Rows[0].Failure);
        Assert.Contains("NoHistoricalState", result.Rows[0].Message, StringComparison.Ordinal);
        Assert.True(result.Rows[1].IsValid, result.Rows[1].Message);
    }

    [Fact]
    public async Task Verify_RowChainIdNotTheRegistrys_NotInRegistry()
    {
        // An EIP-712 domain (or any declared chain id) naming Goerli for the registry's Ethereum mainnet.
        var row = ReserveTestFixtures.EthereumRow() with { ChainId = 5 };
        var outcome = (await Verify(ReserveTestFixtures.Declaration(row), 0, row.Amount)).Rows[0];
        Assert.Equal(RowFailure.NotInRegistry, outcome.Failure);
        Assert.Contains("chain id 5", outcome.Message, StringComparison.Ordinal);
        Assert.True((await Verify(ReserveTestFixtures.Declaration(row with { ChainId = 1 }), 0, row.Amount)).Rows[0].IsValid);
    }

    [Fact]
    public void Challenge_HexHashLowercasedBase58Kept()
    {
        Assert.EndsWith("snapshot block hash: 0xabcdef" + new string('0', 58), ChallengeMessage.For("c", "r", "ethereum", 1, "0xABCDEF" + new string('0', 58)), StringComparison.Ordinal);
        Assert.EndsWith("snapshot block hash: 4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZAMdL4VZHirAn", ChallengeMessage.For("c", "r", "solana", 1, "4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZAMdL4VZHirAn"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowChoosesItsOwnHeight_SnapshotMismatch()
    {
        var row = ReserveTestFixtures.BitcoinRow() with { SnapshotHeight = 800001 };
        var outcome = (await Verify(ReserveTestFixtures.Declaration(row), row.Amount, 0)).Rows[0];
        Assert.Equal(RowFailure.SnapshotMismatch, outcome.Failure);
        Assert.Contains("not the round's block", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowNamesAnotherHashAtTheHeight_SnapshotMismatch()
    {
        var row = ReserveTestFixtures.BitcoinRow() with { SnapshotBlockHash = new string('7', 64) };
        Assert.Equal(RowFailure.SnapshotMismatch, (await Verify(ReserveTestFixtures.Declaration(row), row.Amount, 0)).Rows[0].Failure);
    }

    [Fact]
    public async Task Verify_NodeServesAnotherChain_WrongChainBeforeAnyBalanceRead()
    {
        var row = ReserveTestFixtures.EthereumRow();
        var sepolia = Reader(ChainIdentity.Evm(11155111), row.Address, row.Amount);
        var outcome = (await VerifyWith(ReserveTestFixtures.Declaration(row), sepolia)).Rows[0];
        Assert.Equal(RowFailure.WrongChain, outcome.Failure);
        Assert.Contains("EVM chain id 11155111", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(0, sepolia.Calls);
    }

    [Fact]
    public async Task Verify_DeclarationForAnotherRound_InputError()
    {
        var declaration = ReserveTestFixtures.Declaration(ReserveTestFixtures.BitcoinRow()) with { Round = "2026-10" };
        var e = await Assert.ThrowsAsync<InputException>(() => Verify(declaration, 0, 0));
        Assert.Equal("round", e.Field);
    }

    [Fact]
    public async Task Verify_NoRows_InputError()
    {
        var e = await Assert.ThrowsAsync<InputException>(() => Verify(ReserveTestFixtures.Declaration(), 0, 0));
        Assert.Equal("rows", e.Field);
    }

    [Fact]
    public async Task Verify_TotalReachesTwoTo128_InputErrorNotOverflow()
    {
        var a = ReserveTestFixtures.BitcoinRow(amount: UInt128.MaxValue);
        var b = a with { Line = 2, Address = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4" };
        var e = await Assert.ThrowsAsync<InputException>(() => Verify(ReserveTestFixtures.Declaration(a, b), 0, 0));
        Assert.Contains("2^128", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeConfiguration_ChainOutsideRegistry_KindOfOtherFamily_SnapshotOfOtherBlock_Rejected()
    {
        using var http = new HttpClient();
        InputException Parse(string chains) => Assert.Throws<InputException>(() => NodeConfiguration.Parse(Encoding.UTF8.GetBytes("{\"format\":\"por-nodes/2\",\"chains\":{" + chains + "}}"), "nodes.json", ReserveTestFixtures.Registry, http, _ => "pw"));
        Assert.Equal("chains.bitcoin-testnet", Parse("\"bitcoin-testnet\":{\"kind\":\"esplora\",\"url\":\"http://127.0.0.1:1\"}").Field);
        Assert.Equal("chains.bitcoin.kind", Parse("\"bitcoin\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\"}").Field);
        Assert.Equal("chains.ethereum.snapshot", Parse("\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"snapshot\":{\"height\":19000001,\"hash\":\"" + ReserveTestFixtures.EthHash + "\"}}").Field);
        Assert.Equal("chains.ethereum.chainId", Parse("\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"chainId\":1}").Field);
        Assert.Equal("chains.ethereum.url", Parse("\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"url\":\"http://127.0.0.1:2\"}").Field);
        Assert.Equal("chains.ethereum", Parse("\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\"},\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:2\"}").Field);
        var ok = NodeConfiguration.Parse(Encoding.UTF8.GetBytes("{\"format\":\"por-nodes/2\",\"chains\":{\"ethereum\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"snapshot\":{\"height\":19000000,\"hash\":\"" + ReserveTestFixtures.EthHash.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) + "\"}}}}"), "nodes.json", ReserveTestFixtures.Registry, http, _ => null);
        Assert.IsType<EvmNode>(ok["ethereum"]);
    }

    private static ReserveRow UsdtRow()
    {
        var eth = ReserveTestFixtures.EthereumRow(amount: 1_000_000);
        return eth with { Asset = "USDT", Decimals = 6, Token = ReserveTestFixtures.UsdtContract };
    }

    private static ScriptedChainReader Reader(ChainIdentity identity, string address, UInt128 balance) =>
        new(identity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [address] = balance });

    private static Task<ReserveVerificationResult> Verify(ReserveDeclaration declaration, UInt128 btc, UInt128 eth) =>
        new ReserveVerifier(ReserveTestFixtures.Registry, new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
        {
            ["bitcoin"] = Reader(ReserveTestFixtures.BitcoinIdentity, ReserveTestFixtures.BtcAddress, btc),
            ["ethereum"] = Reader(ReserveTestFixtures.EthereumIdentity, ReserveTestFixtures.EthAddress, eth),
        }, s_strict).VerifyAsync(declaration, CancellationToken.None);

    private static Task<ReserveVerificationResult> VerifyWith(ReserveDeclaration declaration, ScriptedChainReader ethereum) =>
        new ReserveVerifier(ReserveTestFixtures.Registry, new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["ethereum"] = ethereum }, s_strict)
            .VerifyAsync(declaration, CancellationToken.None);
}
