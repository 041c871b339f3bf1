// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Reserves.Nodes;

namespace Por.Reserves.Tests.Nodes;

public sealed class EvmNodeTests
{
    private const string Hash = "0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7";
    private static readonly RetryPolicy s_fast = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ReadAsync_NativeBalance_PinnedByHashWithRequireCanonical()
    {
        JsonElement? balanceParams = null;
        using var server = new FakeNodeServer((_, body) =>
        {
            if (string.Equals(FakeNodeServer.MethodOf(body), "eth_getBalance", StringComparison.Ordinal))
            {
                balanceParams = FakeNodeServer.ParamsOf(body);
            }

            return Script(body, chainId: "0x1");
        });
        var readings = await Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.EthAddress, null, 19000000, Hash)], CancellationToken.None);
        Assert.Equal(UInt128.Parse("5000000000000000000", System.Globalization.CultureInfo.InvariantCulture), readings.Single().Amount);
        Assert.Equal(Hash, balanceParams!.Value[1].GetProperty("blockHash").GetString());
        Assert.True(balanceParams.Value[1].GetProperty("requireCanonical").GetBoolean());
    }

    [Fact]
    public async Task ReadAsync_WrongChainId_WrongChain()
    {
        using var server = new FakeNodeServer((_, body) => Script(body, chainId: "0x89"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.EthAddress, null, 19000000, Hash)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_HashNotAtHeight_BlockMismatch()
    {
        using var server = new FakeNodeServer((_, body) => Script(body, chainId: "0x1"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.EthAddress, null, 19000000, "0x" + new string('a', 64))], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_PrunedState_NoHistoricalState()
    {
        using var server = new FakeNodeServer((_, body) => string.Equals(FakeNodeServer.MethodOf(body), "eth_getBalance", StringComparison.Ordinal)
            ? FakeNodeServer.RpcError(-32000, "missing trie node 5e1d3a (path )")
            : Script(body, chainId: "0x1"));
        var ex = await Assert.ThrowsAsync<NodeException>(() => Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.EthAddress, null, 19000000, Hash)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.NoHistoricalState, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_TokenReturnsShortData_RowFailure()
    {
        using var server = new FakeNodeServer((_, body) => string.Equals(FakeNodeServer.MethodOf(body), "eth_call", StringComparison.Ordinal)
            ? FakeNodeServer.Result("\"0x\"")
            : Script(body, chainId: "0x1"));
        var readings = await Node(server).ReadAsync([new BalanceQuery(0, ReserveTestFixtures.EthAddress, "0xdAC17F958D2ee523a2206206994597C13D831ec7", 19000000, Hash)], CancellationToken.None);
        Assert.Null(readings.Single().Amount);
        Assert.Contains("32-byte", readings.Single().Failure, StringComparison.Ordinal);
    }

    private static FakeResponse Script(string body, string chainId) => FakeNodeServer.MethodOf(body) switch
    {
        "eth_chainId" => FakeNodeServer.Result($"\"{chainId}\""),
        "eth_getBlockByNumber" => FakeNodeServer.Result($"{{\"number\":\"0x121eac0\",\"hash\":\"{Hash}\"}}"),
        "eth_getBalance" => FakeNodeServer.Result("\"0x4563918244f40000\""),
        _ => FakeNodeServer.RpcError(-32601, "method not found"),
    };

    private static EvmNode Node(FakeNodeServer server) =>
        new(new HttpNodeTransport(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, server.Url, s_fast), 1);
}
