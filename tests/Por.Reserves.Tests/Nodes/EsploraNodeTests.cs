// SPDX-License-Identifier: Apache-2.0

using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Nodes;

public sealed class EsploraNodeTests
{
    private static readonly RetryPolicy s_fast = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ReadAsync_RecordedHistory_ReplaysUpToSnapshotHeight()
    {
        using var server = new FakeNodeServer(Handler());
        var readings = await Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.BtcAddress, null, 800000, ReserveTestFixtures.BtcHash)], CancellationToken.None);
        Assert.Equal((UInt128)149_999_000, readings.Single().Amount);
    }

    [Fact]
    public async Task ReadAsync_HashMismatch_BlockMismatch()
    {
        using var server = new FakeNodeServer(Handler());
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.BtcAddress, null, 800000, new string('2', 64))], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_UnknownHeight_BlockMismatch()
    {
        using var server = new FakeNodeServer((_, _) => new FakeResponse(404, "Block not found", TimeSpan.Zero));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.BtcAddress, null, 900000, null)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_ServerErrorsPersist_UnreachableAfterRetries()
    {
        using var server = new FakeNodeServer((_, _) => new FakeResponse(503, "unavailable", TimeSpan.Zero));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.BtcAddress, null, 800000, null)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Unreachable, ex.Kind);
        Assert.Equal(s_fast.MaxAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_ForeignNetworkAddress_RowFailureNotNodeFailure()
    {
        using var server = new FakeNodeServer(Handler());
        var readings = await Node(server).ReadAsync([new BalanceQuery(0, "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", null, 800000, null)], CancellationToken.None);
        Assert.Null(readings.Single().Amount);
        Assert.NotNull(readings.Single().Failure);
    }

    [Fact]
    public async Task ReadAsync_TestnetApiForMainnetChain_WrongChain()
    {
        using var server = new FakeNodeServer(Handler(genesis: "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.BtcAddress, null, 800000, ReserveTestFixtures.BtcHash)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
        Assert.Equal(ChainIdentity.Genesis(ChainFamily.Bitcoin, "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"), await Node(server).ReadIdentityAsync(CancellationToken.None));
    }

    private static Func<string, string, FakeResponse> Handler(string? genesis = null)
    {
        var recorded = TestData.Json("nodes/esplora-address.json");
        var script = Convert.ToHexStringLower([0x00, 0x14, .. BitcoinHashes.Hash160(Secp256k1.CreatePublicKey(ReserveTestFixtures.BtcKey, compressed: true))]);
        return (path, _) =>
        {
            if (path.EndsWith("/block-height/0", StringComparison.Ordinal))
            {
                return new FakeResponse(200, genesis ?? KnownChains.BitcoinMainnetGenesis["bitcoin"], TimeSpan.Zero);
            }

            if (path.EndsWith("/block-height/800000", StringComparison.Ordinal))
            {
                return new FakeResponse(200, recorded.GetProperty("block-height/800000").GetString()!, TimeSpan.Zero);
            }

            if (path.EndsWith("/txs/chain", StringComparison.Ordinal))
            {
                var txs = recorded.GetProperty("txs").GetRawText().Replace("SPK", script, StringComparison.Ordinal).Replace("ADDR", ReserveTestFixtures.BtcAddress, StringComparison.Ordinal);
                return new FakeResponse(200, txs, TimeSpan.Zero);
            }

            return new FakeResponse(404, "not found", TimeSpan.Zero);
        };
    }

    private static EsploraNode Node(FakeNodeServer server) =>
        new(new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, server.Url, s_fast), BitcoinNetwork.Mainnet, KnownChains.BitcoinMainnetGenesis["bitcoin"]);

}
