// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests.Nodes;

/// <summary>TronNode against recorded java-tron answers (testdata/nodes/tron-nile.json; sources in its README).</summary>
public sealed class TronNodeTests
{
    private static readonly RetryPolicy s_fast = new(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ReadAsync_Trx_RecordedBalanceAnchoredAtSnapshotBlock()
    {
        using var node = new TronFakeNode();
        var reading = (await Reader(node).ReadAsync([Trx()], CancellationToken.None)).Single();
        Assert.Equal((UInt128)1_793_227_200, reading.Amount);
        Assert.Equal(TronFakeNode.Hash, reading.BlockHash);
        var request = node.Bodies.Single(b => b.Path == "/wallet/getaccountbalance").Body;
        Assert.Equal(TronFakeNode.Holder, (string?)request["account_identifier"]!["address"]);
        Assert.Equal(TronFakeNode.Hash, (string?)request["block_identifier"]!["hash"]);
        Assert.Equal(TronFakeNode.Height, (long?)request["block_identifier"]!["number"]);
        Assert.True((bool?)request["visible"]);
        Assert.Contains(node.Bodies, b => b.Path == "/wallet/getblockbalance");
    }

    [Fact]
    public async Task ReadAsync_Trx_NodeWithoutBalanceHistory_NoHistoricalState()
    {
        // Such a node answers getaccountbalance with 0 for everyone; the getblockbalance probe is what tells.
        using var node = new TronFakeNode { BlockBalance = TronFakeNode.Recorded("getblockbalance-no-history"), AccountBalance = "{\"block_identifier\":{\"hash\":\"" + TronFakeNode.Hash + "\",\"number\":" + TronFakeNode.Height + "}}" };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.Contains("storage.balance.history.lookup", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Trx_AbsentBalanceIsZero()
    {
        using var node = new TronFakeNode { AccountBalance = TronFakeNode.With(TronFakeNode.Recorded("getaccountbalance-66987565"), n => n.AsObject().Remove("balance")) };
        Assert.Equal(UInt128.Zero, (await Reader(node).ReadAsync([Trx()], CancellationToken.None)).Single().Amount);
    }

    [Fact]
    public async Task ReadAsync_Trx_AnswerForBlockAfterSnapshot_Protocol()
    {
        using var node = new TronFakeNode { AccountBalance = TronFakeNode.With(TronFakeNode.Recorded("getaccountbalance-66987565"), n => n["block_identifier"]!["number"] = TronFakeNode.Height + 1) };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_Trx_NodeRejectsNumberHashPair_BlockMismatch()
    {
        using var node = new TronFakeNode { AccountBalance = TronFakeNode.Recorded("getaccountbalance-hash-mismatch") };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Theory]
    [InlineData("{\"balance\":\"1793227200\",\"block_identifier\":{\"hash\":\"0000000003fe25c69a3321cd009c484efe62b11abf0f8966fc81c1ff4a917cad\",\"number\":66987462}}")]
    [InlineData("{\"balance\":-5,\"block_identifier\":{\"hash\":\"0000000003fe25c69a3321cd009c484efe62b11abf0f8966fc81c1ff4a917cad\",\"number\":66987462}}")]
    [InlineData("{\"balance\":1793227200}")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public async Task ReadAsync_Trx_MalformedAnswer_Protocol(string answer)
    {
        using var node = new TronFakeNode { AccountBalance = answer };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_Trc20_NodeHeldAtSnapshot_RecordedBalanceOf()
    {
        using var node = new TronFakeNode();
        var reading = (await Reader(node).ReadAsync([Trc20()], CancellationToken.None)).Single();
        Assert.Equal((UInt128)0x40cfcc00, reading.Amount);
        var call = node.Bodies.Single(b => b.Path == "/wallet/triggerconstantcontract").Body;
        Assert.Equal("balanceOf(address)", (string?)call["function_selector"]);
        Assert.Equal("000000000000000000000000dd791d6b49e190062d650e6a23c575510d35f2f9", (string?)call["parameter"]);
        Assert.Equal(TronFakeNode.Usdt, (string?)call["contract_address"]);

        // Head and pending pool are checked before and after the call.
        var paths = node.Bodies.Select(b => b.Path).ToList();
        var callAt = paths.IndexOf("/wallet/triggerconstantcontract");
        Assert.Contains("/wallet/getnowblock", paths.Take(callAt));
        Assert.Contains("/wallet/getpendingsize", paths.Take(callAt));
        Assert.Contains("/wallet/getnowblock", paths.Skip(callAt));
        Assert.Contains("/wallet/getpendingsize", paths.Skip(callAt));
    }

    [Fact]
    public async Task ReadAsync_Trc20_HeadPastSnapshot_NoHistoricalStateWithoutCall()
    {
        using var node = new TronFakeNode();
        node.Heads.Clear();
        node.Heads.Enqueue(TronFakeNode.Recorded("getnowblock-66987627"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trc20()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.Contains("66987627", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Bodies, b => b.Path == "/wallet/triggerconstantcontract");
    }

    [Fact]
    public async Task ReadAsync_Trc20_HeadMovesDuringRead_NoHistoricalState()
    {
        using var node = new TronFakeNode();
        node.Heads.Enqueue(TronFakeNode.Recorded("getnowblock-66987627"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trc20()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.Contains(node.Bodies, b => b.Path == "/wallet/triggerconstantcontract");
    }

    [Fact]
    public async Task ReadAsync_Trc20_PendingTransactions_NoHistoricalState()
    {
        using var node = new TronFakeNode { Pending = TronFakeNode.Recorded("getpendingsize-two") };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trc20()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
        Assert.Contains("pending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Trc20_HeadAtSnapshotHeightWithOtherId_BlockMismatch()
    {
        using var node = new TronFakeNode();
        node.Heads.Clear();
        node.Heads.Enqueue(TronFakeNode.With(TronFakeNode.Recorded("getblockbynum-66987565"), n => n["blockID"] = "0000000003fe262d" + new string('a', 48)));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trc20()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_Trc20_BalanceBeyond2To64_Exact()
    {
        var big = (BigInteger.One << 100) + 12345;
        using var node = new TronFakeNode();
        node.Constants["balanceOf(address)"] = TronFakeNode.WithWord(TronFakeNode.Recorded("triggerconstantcontract-balanceOf"), big);
        var reading = (await Reader(node).ReadAsync([Trc20()], CancellationToken.None)).Single();
        Assert.Equal((UInt128)big, reading.Amount);
    }

    [Fact]
    public async Task ReadAsync_Trc20_BalanceBeyond2To128_RowFailure()
    {
        using var node = new TronFakeNode();
        node.Constants["balanceOf(address)"] = TronFakeNode.WithWord(TronFakeNode.Recorded("triggerconstantcontract-balanceOf"), BigInteger.One << 128);
        var reading = (await Reader(node).ReadAsync([Trc20()], CancellationToken.None)).Single();
        Assert.Null(reading.Amount);
        Assert.Contains("2^128", reading.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("triggerconstantcontract-revert", "reverted")]
    [InlineData("triggerconstantcontract-no-contract", "Smart contract is not exist")]
    public async Task ReadAsync_Trc20_CallFails_RowFailure(string answer, string expected)
    {
        using var node = new TronFakeNode();
        node.Constants["balanceOf(address)"] = TronFakeNode.Recorded(answer);
        var reading = (await Reader(node).ReadAsync([Trc20()], CancellationToken.None)).Single();
        Assert.Null(reading.Amount);
        Assert.Contains(expected, reading.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TYBNgWfhGuNzdLtjKtxXTfskAhTbMcqbaH")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    public async Task ReadAsync_InvalidAddress_RowFailureOtherRowsRead(string address)
    {
        using var node = new TronFakeNode();
        var readings = await Reader(node).ReadAsync([Trx() with { RowIndex = 0, Address = address }, Trx() with { RowIndex = 1 }, Trc20() with { RowIndex = 2, Address = address }], CancellationToken.None);
        Assert.Null(readings[0].Amount);
        Assert.Contains("base58check", readings[0].Failure, StringComparison.Ordinal);
        Assert.Equal((UInt128)1_793_227_200, readings[1].Amount);
        Assert.Null(readings[2].Amount);
        Assert.DoesNotContain(node.Bodies, b => b.Path == "/wallet/triggerconstantcontract");
    }

    [Fact]
    public async Task ReadAsync_SnapshotHashNotTheBlocks_BlockMismatch()
    {
        using var node = new TronFakeNode();
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx() with { BlockHash = "0000000003fe262d" + new string('b', 48) }], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_NodeWithoutSnapshotBlock_BlockMismatch()
    {
        using var node = new TronFakeNode { Block = "{}" };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_BlockIdNotOfItsNumber_Protocol()
    {
        // A TRON block id begins with its number; a node answering another block's id for the height is caught.
        using var node = new TronFakeNode { Block = TronFakeNode.With(TronFakeNode.Recorded("getblockbynum-66987565"), n => n["blockID"] = TronFakeNode.Recorded("getnowblock-66987627").Split('"')[3]) };
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadAsync([Trx() with { BlockHash = null }], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Theory]
    [InlineData("genesis-shasta")]
    [InlineData("genesis-nile")]
    public async Task ReadAsync_TestnetNodeForMainnetChain_WrongChainBeforeAnyBalance(string genesis)
    {
        using var node = new TronFakeNode { Genesis = TronFakeNode.Recorded(genesis) };
        var reader = new TronNode(Transport(node), KnownChains.TronMainnetGenesis);
        var ex = await Assert.ThrowsAsync<NodeException>(() => reader.ReadAsync([Trx()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
        Assert.DoesNotContain(node.Bodies, b => b.Path == "/wallet/getaccountbalance");
        var decimals = await Assert.ThrowsAsync<NodeException>(() => reader.ReadTokenDecimalsAsync(TronFakeNode.Usdt, new ChainSnapshot(TronFakeNode.Height, TronFakeNode.Hash), CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, decimals.Kind);
    }

    [Fact]
    public async Task ReadIdentityAsync_RecordedGenesisBlocks_ReportTheirIds()
    {
        using var node = new TronFakeNode { Genesis = TronFakeNode.Recorded("genesis-shasta") };
        Assert.Equal(ChainIdentity.Genesis(ChainFamily.Tron, TronFakeNode.ShastaGenesis), await Reader(node).ReadIdentityAsync(CancellationToken.None));
        node.Genesis = TronFakeNode.Recorded("genesis-mainnet");
        Assert.Equal(ChainIdentity.Genesis(ChainFamily.Tron, KnownChains.TronMainnetGenesis), await Reader(node).ReadIdentityAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadTokenDecimalsAsync_HeldAtSnapshot_ReadsDecimals()
    {
        using var node = new TronFakeNode();
        Assert.Equal(6, await Reader(node).ReadTokenDecimalsAsync(TronFakeNode.Usdt, new ChainSnapshot(TronFakeNode.Height, TronFakeNode.Hash), CancellationToken.None));
        Assert.Equal("decimals()", (string?)node.Bodies.Single(b => b.Path == "/wallet/triggerconstantcontract").Body["function_selector"]);
    }

    [Fact]
    public async Task ReadTokenDecimalsAsync_HeadPastSnapshot_NoHistoricalState()
    {
        using var node = new TronFakeNode();
        node.Heads.Clear();
        node.Heads.Enqueue(TronFakeNode.Recorded("getnowblock-66987627"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadTokenDecimalsAsync(TronFakeNode.Usdt, new ChainSnapshot(TronFakeNode.Height, TronFakeNode.Hash), CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
    }

    [Fact]
    public async Task ReadTokenDecimalsAsync_WordAbove255_Protocol()
    {
        using var node = new TronFakeNode();
        node.Constants["decimals()"] = TronFakeNode.WithWord(TronFakeNode.Recorded("triggerconstantcontract-balanceOf"), 256);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Reader(node).ReadTokenDecimalsAsync(TronFakeNode.Usdt, new ChainSnapshot(TronFakeNode.Height, TronFakeNode.Hash), CancellationToken.None));
        Assert.Equal(NodeFailureKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task ReadTipHeightAsync_RecordedNowBlock()
    {
        using var node = new TronFakeNode();
        node.Heads.Clear();
        node.Heads.Enqueue(TronFakeNode.Recorded("getnowblock-66987627"));
        Assert.Equal(66987627, await Reader(node).ReadTipHeightAsync(CancellationToken.None));
        Assert.False(Reader(node).CanReadPastBlocks);
    }

    private static BalanceQuery Trx() => new(0, TronFakeNode.Holder, null, TronFakeNode.Height, TronFakeNode.Hash);

    private static BalanceQuery Trc20() => new(0, TronFakeNode.Holder, TronFakeNode.Usdt, TronFakeNode.Height, TronFakeNode.Hash);

    private static HttpNodeTransport Transport(TronFakeNode node) => new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, node.Url, s_fast);

    private static TronNode Reader(TronFakeNode node) => new(Transport(node), TronFakeNode.NileGenesis);
}
