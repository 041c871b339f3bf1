// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests.Nodes;

/// <summary>The "node reads" wrapper reports every call (chain and call, never an address) and forwards it unchanged.</summary>
public sealed class ProgressReportingChainReaderTests
{
    private static readonly string[] s_addresses = ["0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222"];

    [Fact]
    public async Task ReadAsync_ForwardsTheSameQueriesInOneCallAndReportsItWithTheRpcMethods()
    {
        var inner = new RecordingReader(ReserveTestFixtures.EthereumIdentity);
        var sink = new ProgressRecorder();
        var node = ProgressReportingChainReader.WrapAll(new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["eth-mainnet"] = inner }, sink)["eth-mainnet"];
        IReadOnlyList<BalanceQuery> queries =
        [
            new BalanceQuery(0, s_addresses[0], null, 5, "0xaa"),
            new BalanceQuery(1, s_addresses[1], null, 5, "0xaa"),
            new BalanceQuery(2, s_addresses[1], "0x3333333333333333333333333333333333333333", 5, "0xaa"),
        ];

        var readings = await node.ReadAsync(queries, TestContext.Current.CancellationToken);

        Assert.Same(queries, Assert.Single(inner.Batches));
        Assert.Same(inner.Result, readings);
        Assert.Equal(
            [new WorkProgress(NodeReadCounter.Stage, 0, 0, "eth-mainnet: eth_getBalance ×2, eth_call balanceOf ×1"), new WorkProgress(NodeReadCounter.Stage, 1, 0, "eth-mainnet: eth_getBalance ×2, eth_call balanceOf ×1")],
            sink.Updates);
        Assert.All(sink.Updates, u => Assert.DoesNotContain("0x1111", u.Detail!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Calls_OfAllChainsCountIntoOneStage_AndAFailingCallIsCountedAndRethrown()
    {
        var failure = new NodeException(NodeFailureKind.Unreachable, "down");
        var sink = new ProgressRecorder();
        var nodes = ProgressReportingChainReader.WrapAll(
            new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
            {
                ["eth-mainnet"] = new RecordingReader(ReserveTestFixtures.EthereumIdentity),
                ["bitcoin"] = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal), failure),
            },
            sink);

        Assert.Equal(ReserveTestFixtures.EthereumIdentity, await nodes["eth-mainnet"].ReadIdentityAsync(TestContext.Current.CancellationToken));
        var thrown = await Assert.ThrowsAsync<NodeException>(() => nodes["bitcoin"].ReadAsync([new BalanceQuery(0, "bc1q", null, 1, null)], TestContext.Current.CancellationToken));

        Assert.Same(failure, thrown);
        Assert.Equal(["eth-mainnet: eth_chainId", "eth-mainnet: eth_chainId", "bitcoin: balance of 1 wallet", "bitcoin: balance of 1 wallet"], sink.Updates.Select(u => u.Detail));
        Assert.Equal([0L, 1, 1, 2], sink.Updates.Select(u => u.Done));
        Assert.All(sink.Updates, u => Assert.Equal(NodeReadCounter.Stage, u.Stage));
    }

    [Fact]
    public async Task EvmContractWalletReader_StaysOneBehindTheWrapper()
    {
        var inner = new RecordingReader(ReserveTestFixtures.EthereumIdentity);
        var sink = new ProgressRecorder();
        var node = ProgressReportingChainReader.WrapAll(new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["eth-mainnet"] = inner }, sink)["eth-mainnet"];
        var wallets = Assert.IsAssignableFrom<IEvmContractWalletReader>(node);

        Assert.True(await wallets.IsValidSignatureAsync(s_addresses[0], new byte[32], [1], 5, null, TestContext.Current.CancellationToken));
        Assert.Equal(1, inner.SignatureChecks);
        Assert.Equal("eth-mainnet: eth_call isValidSignature", sink.Updates[^1].Detail);

        var plain = ProgressReportingChainReader.WrapAll(new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["bitcoin"] = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal)) }, sink)["bitcoin"];
        Assert.False(plain is IEvmContractWalletReader);
        Assert.Equal(ChainFamily.Bitcoin, plain.Family);
    }

    private sealed class RecordingReader(ChainIdentity identity) : IChainBalanceReader, IEvmContractWalletReader
    {
        public List<IReadOnlyList<BalanceQuery>> Batches { get; } = [];

        public IReadOnlyList<BalanceReading> Result { get; } = [new BalanceReading(0, 1, null, "0xaa")];

        public int SignatureChecks { get; private set; }

        public ChainFamily Family => identity.Family;

        public bool CanReadPastBlocks => true;

        public Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(identity);

        public Task<long> ReadTipHeightAsync(CancellationToken cancellationToken) => Task.FromResult(10L);

        public Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken) => Task.FromResult(6);

        public Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
        {
            Batches.Add(queries);
            return Task.FromResult(Result);
        }

        public Task<(IReadOnlyList<byte[]> Owners, int Threshold)> ReadSafeOwnersAsync(string wallet, long height, string? blockHash, CancellationToken cancellationToken) =>
            Task.FromResult<(IReadOnlyList<byte[]>, int)>(([], 1));

        public Task<bool> IsValidSignatureAsync(string wallet, byte[] hash, byte[] signature, long height, string? blockHash, CancellationToken cancellationToken)
        {
            SignatureChecks++;
            return Task.FromResult(true);
        }
    }
}
