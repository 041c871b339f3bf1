// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Por.Reserves.Nodes;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Reserves;

namespace Por.IntegrationTests.Tokens;

/// <summary>
/// <c>evm_custody</c> balances read in JSON-RPC batches against a loopback node (<see cref="FakeEvmChainServer"/>,
/// which answers batches in reverse order): the batched total equals the one-request-per-address total; an answer
/// missing, duplicated, failed or with an unknown id fails the source as node_fault with no amount; a node that refuses
/// batches is read one request at a time with the same total.
/// </summary>
public sealed class EvmCustodyBatchTests : IAsyncLifetime
{
    private const long ChainId = 4_242;
    private const int Holders = 250;
    private static readonly string s_asset = Address("asset", 0);
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private FakeEvmChainServer _node = null!;
    private BigInteger _tokenTotal;
    private BigInteger _nativeTotal;

    public ValueTask InitializeAsync()
    {
        _node = FakeEvmChainServer.Start("batch", ChainId, 1_000, DateTimeOffset.UtcNow);
        var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        for (var i = 0; i < Holders; i++)
        {
            var holder = Address("holder", i);
            balances[holder] = new BigInteger(1_000_003) * (i + 1);
            _tokenTotal += balances[holder];
            var wei = BigInteger.Pow(10, 18) + i;
            _node.SetNative(holder, wei);
            _nativeTotal += wei;
        }

        _node.AddToken(s_asset, 6, _tokenTotal, balances);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    [Fact]
    public async Task Batched_EqualsOneRequestPerAddress_TokenAndNative()
    {
        var batched = await ReadAsync(s_asset, 6, 100);
        Assert.Equal(EvidenceFailure.None, batched.Failure);
        Assert.Equal(_tokenTotal, batched.Amount);
        Assert.Equal([100, 100, 50], _node.BatchSizes);
        var balanceCallsBefore = _node.CallsByMethod["eth_call 0x70a08231"];

        var requestsBefore = _node.HttpRequests;
        var single = await ReadAsync(s_asset, 6, 1);
        Assert.Equal(EvidenceFailure.None, single.Failure);
        Assert.Equal(batched.Amount, single.Amount);
        Assert.Equal(3, _node.BatchSizes.Count); // no batch at batch_size 1
        Assert.Equal(Holders, _node.CallsByMethod["eth_call 0x70a08231"] - balanceCallsBefore);
        Assert.True(_node.HttpRequests - requestsBefore >= Holders);

        var nativeBatched = await ReadAsync(null, 18, 64);
        var nativeSingle = await ReadAsync(null, 18, 1);
        Assert.Equal(EvidenceFailure.None, nativeBatched.Failure);
        Assert.Equal(BaseUnits(_nativeTotal, 18, 6), nativeBatched.Amount);
        Assert.Equal(nativeBatched.Amount, nativeSingle.Amount);
        Assert.Equal([100, 100, 50, 64, 64, 64, 58], _node.BatchSizes);
    }

    [Theory]
    [InlineData(BatchFault.DropOne, "answered 99 of 100 calls")]
    [InlineData(BatchFault.DuplicateOne, "answered twice")]
    [InlineData(BatchFault.ErrorOne, "request limit exceeded")]
    [InlineData(BatchFault.UnknownId, "not asked for")]
    public async Task DamagedBatchAnswer_IsNodeFault_NeverAPartialTotal(BatchFault fault, string reason)
    {
        _node.BatchFault = fault;
        var evidence = await ReadAsync(s_asset, 6, 100);
        Assert.Equal(EvidenceFailure.NodeFault, evidence.Failure);
        Assert.Equal(BigInteger.Zero, evidence.Amount);
        Assert.Contains(reason, evidence.Detail, StringComparison.Ordinal);
        Assert.Single(_node.BatchSizes); // the first damaged batch fails the read
    }

    [Fact]
    public async Task NodeThatRefusesBatches_IsReadOneRequestAtATime()
    {
        _node.BatchFault = BatchFault.Reject;
        var evidence = await ReadAsync(s_asset, 6, 100);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(_tokenTotal, evidence.Amount);
        Assert.Contains("refused JSON-RPC batches", evidence.Detail, StringComparison.Ordinal);
        Assert.Equal([100], _node.BatchSizes); // refused once, then no more batches
        Assert.Equal(Holders, _node.CallsByMethod["eth_call 0x70a08231"]); // the refused batch ran no call
    }

    private static BigInteger BaseUnits(BigInteger amount, int from, int to) => amount / BigInteger.Pow(10, from - to);

    private async Task<ReserveEvidence> ReadAsync(string? token, int decimals, int batchSize)
    {
        var endpoint = new EvmEndpoint(new HttpNodeTransport(_http, _node.Url, new RetryPolicy(1, TimeSpan.Zero, TimeSpan.FromSeconds(10))), ChainId);
        var addresses = Enumerable.Range(0, Holders).Select(i => new CustodyAddress(Address("holder", i), null)).ToList();
        var config = new EvmCustodyConfig("vault", "fake", token, decimals, 1, 3_600, addresses, null, batchSize);
        return await new EvmCustodySource(config, endpoint).ReadAsync(new SourceReadContext("usdx", 6, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    private static string Address(string role, int index) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{role} {index.ToString(CultureInfo.InvariantCulture)}")).AsSpan(0, 20));
}
