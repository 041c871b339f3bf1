// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests.Nodes;

/// <summary>SolanaNode against recorded Solana RPC answers (testdata/nodes/solana-rpc.json; sources in its README).</summary>
public sealed class SolanaNodeTests
{
    private const string OtherAccount = "GmaDrppBC7P5ARKV8g3djiwP89vz1jLK23V2GBjuAEGB";
    private static readonly RetryPolicy s_fast = new(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ReadAsync_Sol_AtSnapshotSlot_PinnedByMinContextSlotAndBlockhash()
    {
        using var node = new SolanaFakeNode();
        node.Results["getBalance"] = SolanaFakeNode.With(node.Results["getBalance"], n => n["value"] = 18_446_744_073_709_551_615UL);
        var reading = (await Reader(node).ReadAsync([Sol()], CancellationToken.None)).Single();
        Assert.Equal((UInt128)ulong.MaxValue, reading.Amount);
        Assert.Equal(SolanaFakeNode.Blockhash, reading.BlockHash);
        var call = node.Calls.Single(c => c.Method == "getBalance").Params;
        Assert.Equal(SolanaFakeNode.Owner, call[0].GetString());
        Assert.Equal(SolanaFakeNode.Slot, call[1].GetProperty("minContextSlot").GetInt64());
        Assert.Equal("processed", call[1].GetProperty("commitment").GetString());

        // The bank's blockhash is checked before and after the balance.
        var methods = node.Calls.Select(c => c.Method).ToList();
        Assert.Equal(["getGenesisHash", "getLatestBlockhash", "getBalance", "getLatestBlockhash"], methods);
    }

    [Fact]
    public async Task ReadAsync_Spl_RecordedTokenAccount()
    {
        using var node = new SolanaFakeNode();
        var reading = (await Reader(node).ReadAsync([Spl()], CancellationToken.None)).Single();
        Assert.Equal((UInt128)420_000_000_000_000, reading.Amount);
        var call = node.Calls.Single(c => c.Method == "getTokenAccountsByOwner").Params;
        Assert.Equal(SolanaFakeNode.Mint, call[1].GetProperty("mint").GetString());
        Assert.Equal("jsonParsed", call[2].GetProperty("encoding").GetString());
        Assert.Equal(SolanaFakeNode.Slot, call[2].GetProperty("minContextSlot").GetInt64());
    }

    [Fact]
    public async Task ReadAsync_Spl_SeveralAccountsSummedExactlyBeyond2To64()
    {
        using var node = new SolanaFakeNode();
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts(
            SolanaFakeNode.TokenAccount("BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA", "18446744073709551615"),
            SolanaFakeNode.TokenAccount(OtherAccount, "18446744073709551615"),
            SolanaFakeNode.TokenAccount("11111111111111111111111111111111", "7"));
        var reading = (await Reader(node).ReadAsync([Spl()], CancellationToken.None)).Single();
        Assert.Equal(UInt128.Parse("36893488147419103237", System.Globalization.CultureInfo.InvariantCulture), reading.Amount);
    }

    [Fact]
    public async Task ReadAsync_Spl_Token2022AccountCountedFrozenNot()
    {
        using var node = new SolanaFakeNode();
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts(
            SolanaFakeNode.TokenAccount("BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA", "1000", token2022: true),
            SolanaFakeNode.TokenAccount(OtherAccount, "500", state: "frozen"));
        Assert.Equal((UInt128)1000, (await Reader(node).ReadAsync([Spl()], CancellationToken.None)).Single().Amount);
    }

    [Fact]
    public async Task ReadAsync_Spl_NoAccounts_Zero()
    {
        using var node = new SolanaFakeNode();
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts();
        Assert.Equal(UInt128.Zero, (await Reader(node).ReadAsync([Spl()], CancellationToken.None)).Single().Amount);
    }

    [Fact]
    public async Task ReadAsync_Spl_AccountListedTwice_Protocol()
    {
        // A node (or proxy) repeating an account would double its balance.
        using var node = new SolanaFakeNode();
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts(
            SolanaFakeNode.TokenAccount("BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA", "1000"),
            SolanaFakeNode.TokenAccount("BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA", "1000"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Spl()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    public static TheoryData<string> ForeignAccounts => new()
    {
        SolanaFakeNode.TokenAccount(OtherAccount, "1000", owner: OtherAccount).ToJsonString(),
        SolanaFakeNode.TokenAccount(OtherAccount, "1000", mint: OtherAccount).ToJsonString(),
        SolanaFakeNode.TokenAccount(OtherAccount, "-1").ToJsonString(),
        SolanaFakeNode.TokenAccount(OtherAccount, "18446744073709551616").ToJsonString(),
        SolanaFakeNode.TokenAccount(OtherAccount, "1000", state: "uninitialized").ToJsonString(),
        SolanaFakeNode.With(SolanaFakeNode.TokenAccount(OtherAccount, "1000").ToJsonString(), n => n["account"]!["owner"] = "11111111111111111111111111111111"),
        SolanaFakeNode.With(SolanaFakeNode.TokenAccount(OtherAccount, "1000").ToJsonString(), n => n["account"]!["data"] = new System.Text.Json.Nodes.JsonArray("AAAA", "base64")),
    };

    [Theory]
    [MemberData(nameof(ForeignAccounts))]
    public async Task ReadAsync_Spl_ForeignOrMalformedAccount_Protocol(string account)
    {
        using var node = new SolanaFakeNode();
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts(System.Text.Json.Nodes.JsonNode.Parse(account)!);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Spl()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_BankPastSnapshot_NoHistoricalState()
    {
        using var node = new SolanaFakeNode();
        node.Results["getLatestBlockhash"] = SolanaFakeNode.AtSlot(SolanaFakeNode.Recorded("getLatestBlockhash"), SolanaFakeNode.Slot + 1);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.DoesNotContain(node.Calls, c => c.Method == "getBalance");
    }

    [Fact]
    public async Task ReadAsync_BalanceAnsweredFromLaterBank_NoHistoricalState()
    {
        // The recorded getBalance answer as it is (context.slot 1), and one from a bank past the snapshot.
        foreach (var slot in new long[] { 1, SolanaFakeNode.Slot + 1 })
        {
            using var node = new SolanaFakeNode();
            node.Results["getBalance"] = SolanaFakeNode.AtSlot(SolanaFakeNode.Recorded("getBalance"), slot);
            var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
            Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        }
    }

    [Fact]
    public async Task ReadAsync_BankMovesDuringRead_NoHistoricalState()
    {
        using var node = new SolanaFakeNode();
        node.BlockhashSequence.Enqueue(SolanaFakeNode.Recorded("getLatestBlockhash"));
        node.BlockhashSequence.Enqueue(SolanaFakeNode.AtSlot(SolanaFakeNode.Recorded("getLatestBlockhash"), SolanaFakeNode.Slot + 4));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.Contains(node.Calls, c => c.Method == "getBalance");
    }

    [Fact]
    public async Task ReadAsync_NodeBehindSnapshot_NoHistoricalState()
    {
        using var node = new SolanaFakeNode();
        node.Results["getLatestBlockhash"] = "error:" + SolanaFakeNode.Recorded("minContextSlotNotReached");
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_BankAtSlotWithOtherBlockhash_BlockMismatch()
    {
        using var node = new SolanaFakeNode();
        node.Results["getLatestBlockhash"] = SolanaFakeNode.With(node.Results["getLatestBlockhash"], n => n["value"]!["blockhash"] = SolanaFakeNode.DevnetGenesis);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Theory]
    [InlineData("GH7ome3EiwEr7tu9JuTh2dpYWBJK3z69Xm1ZE3MEE6JC")]
    [InlineData(SolanaFakeNode.DevnetGenesis)]
    [InlineData(SolanaFakeNode.TestnetGenesis)]
    public async Task ReadAsync_OtherClusterForMainnetChain_WrongChainBeforeAnyBalance(string genesis)
    {
        using var node = new SolanaFakeNode();
        node.Results["getGenesisHash"] = JsonSerializer.Serialize(genesis);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol(), Spl()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
        Assert.Equal(["getGenesisHash"], node.Calls.Select(c => c.Method));
        Assert.Equal(ChainIdentity.Genesis(ChainFamily.Solana, genesis), await Reader(node).ReadIdentityAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("\"12\"")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("null")]
    public async Task ReadAsync_MalformedBalance_Protocol(string value)
    {
        using var node = new SolanaFakeNode();
        node.Results["getBalance"] = SolanaFakeNode.With(node.Results["getBalance"], n => n["value"] = System.Text.Json.Nodes.JsonNode.Parse(value));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_ResponseWithoutContext_Protocol()
    {
        using var node = new SolanaFakeNode();
        node.Results["getBalance"] = "5";
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Sol()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("TYBNgWfhGuNzdLtjKtxXTfskAhTbMcqbaG")]
    [InlineData("1A1TMhSGzQxMr1TboBKtgixKz1sS6REASMxPo1qsyTSJd")]
    public async Task ReadAsync_InvalidAddress_RowFailureOtherRowsRead(string address)
    {
        using var node = new SolanaFakeNode();
        var readings = await Reader(node).ReadAsync([Sol() with { Address = address }, Spl() with { RowIndex = 1 }, Spl() with { RowIndex = 2, Address = address }], CancellationToken.None);
        Assert.Null(readings[0].Amount);
        Assert.Contains("base58", readings[0].Failure, StringComparison.Ordinal);
        Assert.Equal((UInt128)420_000_000_000_000, readings[1].Amount);
        Assert.Null(readings[2].Amount);
        Assert.Single(node.Calls, c => c.Method == "getTokenAccountsByOwner");
    }

    [Fact]
    public async Task ReadTokenDecimalsAsync_RecordedSupplyAtSnapshot()
    {
        using var node = new SolanaFakeNode();
        Assert.Equal(2, await Reader(node).ReadTokenDecimalsAsync(SolanaFakeNode.Mint, new ChainSnapshot(SolanaFakeNode.Slot, SolanaFakeNode.Blockhash), CancellationToken.None));
        Assert.Equal(SolanaFakeNode.Mint, node.Calls.Single(c => c.Method == "getTokenSupply").Params[0].GetString());
    }

    [Fact]
    public async Task ReadTokenDecimalsAsync_RecordedSupplyFromOtherSlot_NoHistoricalState()
    {
        using var node = new SolanaFakeNode();
        node.Results["getTokenSupply"] = SolanaFakeNode.Recorded("getTokenSupply");
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadTokenDecimalsAsync(SolanaFakeNode.Mint, new ChainSnapshot(SolanaFakeNode.Slot, SolanaFakeNode.Blockhash), CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
    }

    [Fact]
    public async Task ReadTipHeightAsync_RecordedSlot()
    {
        using var node = new SolanaFakeNode();
        Assert.Equal(1234, await Reader(node).ReadTipHeightAsync(CancellationToken.None));
        Assert.False(Reader(node).CanReadPastBlocks);
    }

    private static BalanceQuery Sol() => new(0, SolanaFakeNode.Owner, null, SolanaFakeNode.Slot, SolanaFakeNode.Blockhash);

    private static BalanceQuery Spl() => new(0, SolanaFakeNode.Owner, SolanaFakeNode.Mint, SolanaFakeNode.Slot, SolanaFakeNode.Blockhash);

    private static SolanaNode Reader(SolanaFakeNode node) =>
        new(new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, node.Url, s_fast), KnownChains.SolanaMainnetGenesis);
}
