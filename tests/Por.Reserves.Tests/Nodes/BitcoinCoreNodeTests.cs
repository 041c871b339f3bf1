// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Nodes;

public sealed class BitcoinCoreNodeTests
{
    private static readonly RetryPolicy s_fast = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    private static string Address => ReserveTestFixtures.BtcAddress;

    [Fact]
    public async Task ReadAsync_RecordedRewind_ExactSatoshisAndChainRestored()
    {
        using var server = new FakeNodeServer(new CoreScript().Handle);
        var readings = await Node(server).ReadAsync([Query()], CancellationToken.None);
        Assert.Equal((UInt128)150_000_001, readings.Single().Amount);
        var methods = server.Requests.ToArray();
        Assert.True(Array.IndexOf(methods, "invalidateblock") < Array.IndexOf(methods, "scantxoutset"));
        Assert.Equal("reconsiderblock", methods[^1]);
    }

    [Fact]
    public async Task ReadAsync_DeclaredHashDiffers_BlockMismatchWithoutRewind()
    {
        using var server = new FakeNodeServer(new CoreScript().Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query(hash: new string('1', 64))], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
        Assert.DoesNotContain("invalidateblock", server.Requests, StringComparer.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ScanAtWrongBestBlock_FailsAndStillReconsiders()
    {
        using var server = new FakeNodeServer(new CoreScript { ScanBestBlock = new string('e', 64) }.Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
        Assert.Contains("reconsiderblock", server.Requests, StringComparer.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PrunedNode_NoHistoricalState()
    {
        using var server = new FakeNodeServer(new CoreScript { Pruned = true }.Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_TestnetNode_WrongChain()
    {
        using var server = new FakeNodeServer(new CoreScript { Chain = "test" }.Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_MainNetworkNameButOtherGenesis_WrongChain()
    {
        // A fork or a regtest node relabelled "main": the genesis hash, not the network name, decides.
        using var server = new FakeNodeServer(new CoreScript { Genesis = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206" }.Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
        Assert.Contains("genesis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TransientRateLimit_RetriesWithBackoffAndSucceeds()
    {
        using var server = new FakeNodeServer(new CoreScript { RateLimitFirst = 2 }.Handle);
        var readings = await Node(server).ReadAsync([Query()], CancellationToken.None);
        Assert.Equal((UInt128)150_000_001, readings.Single().Amount);
    }

    [Fact]
    public async Task ReadAsync_PersistentRateLimit_RateLimitedAfterRetries()
    {
        using var server = new FakeNodeServer(new CoreScript { RateLimitFirst = 100 }.Handle);
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.RateLimited, ex.Kind);
        Assert.Equal(s_fast.MaxAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_SlowNode_Timeout()
    {
        using var server = new FakeNodeServer((_, _) => new FakeResponse(200, "{}", TimeSpan.FromSeconds(3)));
        var transport = new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, server.Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200)));
        var ex = await Assert.ThrowsAsync<NodeException>(() => new BitcoinCoreNode(transport, BitcoinNetwork.Mainnet, KnownChains.BitcoinMainnetGenesis["bitcoin"]).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_UnreachableNode_Unreachable()
    {
        var transport = new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new Uri("http://127.0.0.1:9/"), s_fast);
        var ex = await Assert.ThrowsAsync<NodeException>(() => new BitcoinCoreNode(transport, BitcoinNetwork.Mainnet, KnownChains.BitcoinMainnetGenesis["bitcoin"]).ReadAsync([Query()], CancellationToken.None));
        Assert.Equal(NodeFailureKind.Unreachable, ex.Kind);
    }

    [Theory]
    [InlineData("0.00000001", 1UL)]
    [InlineData("21000000", 2_100_000_000_000_000UL)]
    [InlineData("0.75000001", 75_000_001UL)]
    [InlineData("1.1", 110_000_000UL)]
    public void TryParseSatoshis_ExactDecimal_Converts(string text, ulong expected)
    {
        Assert.True(BitcoinAmount.TryParseSatoshis(text, out var satoshis));
        Assert.Equal(expected, satoshis);
    }

    [Theory]
    [InlineData("1e-8")]
    [InlineData("-1")]
    [InlineData("0.000000001")]
    [InlineData("1.")]
    public void TryParseSatoshis_NotExact_Rejected(string text) => Assert.False(BitcoinAmount.TryParseSatoshis(text, out _));

    private static BalanceQuery Query(string? hash = null) => new(0, Address, null, 800000, hash ?? ReserveTestFixtures.BtcHash);

    private static BitcoinCoreNode Node(FakeNodeServer server) =>
        new(new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, server.Url, s_fast), BitcoinNetwork.Mainnet, KnownChains.BitcoinMainnetGenesis["bitcoin"]) { TipPollDelay = TimeSpan.FromMilliseconds(5) };

    /// <summary>Replays testdata/nodes/bitcoin-core-rewind.json with the node's rewind state.</summary>
    private sealed class CoreScript
    {
        private readonly JsonElement _recorded = TestData.Json("nodes/bitcoin-core-rewind.json");
        private bool _rewound;
        private int _requests;

        public string? ScanBestBlock { get; init; }

        public bool Pruned { get; init; }

        public string Chain { get; init; } = "main";

        public string Genesis { get; init; } = KnownChains.BitcoinMainnetGenesis["bitcoin"];

        public int RateLimitFirst { get; init; }

        public FakeResponse Handle(string path, string body)
        {
            if (Interlocked.Increment(ref _requests) <= RateLimitFirst)
            {
                return new FakeResponse(429, "Too Many Requests", TimeSpan.Zero);
            }

            var snapshot = _recorded.GetProperty("snapshot");
            var hash = snapshot.GetProperty("hash").GetString()!;
            var script = Convert.ToHexStringLower(BitcoinScript());
            switch (FakeNodeServer.MethodOf(body))
            {
                case "getblockchaininfo":
                    return FakeNodeServer.Result(_recorded.GetProperty("getblockchaininfo").GetRawText().Replace("\"main\"", $"\"{Chain}\"", StringComparison.Ordinal));
                case "getblockhash":
                    var height = FakeNodeServer.ParamsOf(body)[0].GetInt64();
                    return FakeNodeServer.Result(JsonSerializer.Serialize(height switch
                    {
                        0 => Genesis,
                        800000 => hash,
                        _ => snapshot.GetProperty("next").GetString(),
                    }));
                case "getblock":
                    return Pruned ? FakeNodeServer.RpcError(-1, "Block not available (pruned data)", 500) : FakeNodeServer.Result(_recorded.GetProperty("getblock").GetRawText());
                case "getbestblockhash":
                    return FakeNodeServer.Result(JsonSerializer.Serialize(_rewound ? hash : snapshot.GetProperty("tip").GetString()));
                case "invalidateblock":
                    _rewound = true;
                    return FakeNodeServer.Result("null");
                case "reconsiderblock":
                    _rewound = false;
                    return FakeNodeServer.Result("null");
                case "scantxoutset":
                    var scan = _recorded.GetProperty("scantxoutset").GetRawText().Replace("SPK", script, StringComparison.Ordinal).Replace("ADDR", Address, StringComparison.Ordinal);
                    return FakeNodeServer.Result(ScanBestBlock is null ? scan : scan.Replace(hash, ScanBestBlock, StringComparison.Ordinal));
                default:
                    return FakeNodeServer.RpcError(-32601, "Method not found");
            }
        }

        private static byte[] BitcoinScript() => [0x00, 0x14, .. BitcoinHashes.Hash160(Secp256k1.CreatePublicKey(ReserveTestFixtures.BtcKey, compressed: true))];
    }
}
