// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;
using Por.Reserves.Tests.Nodes;
using Por.Testing;

namespace Por.Reserves.Tests;

/// <summary>The verifier reports ownership checks and balance reads per row, and every node call, in order.</summary>
public sealed class ReserveVerifierProgressTests
{
    [Fact]
    public async Task VerifyAsync_ReportsEveryRowAndEveryNodeCall_WithoutChangingTheResult()
    {
        var btc = ReserveTestFixtures.BitcoinRow();
        var eth = ReserveTestFixtures.EthereumRow();
        var sink = new ProgressRecorder();
        var bitcoin = new ScriptedChainReader(ReserveTestFixtures.BitcoinIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [btc.Address] = btc.Amount });
        var ethereum = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [eth.Address] = eth.Amount });
        var nodes = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["bitcoin"] = bitcoin, ["ethereum"] = ethereum };

        var result = await new ReserveVerifier(ReserveTestFixtures.Registry, nodes, new ReserveVerifierOptions { Progress = sink })
            .VerifyAsync(ReserveTestFixtures.Declaration(btc, eth), TestContext.Current.CancellationToken);

        Assert.True(result.AllVerified);
        Assert.Equal(1, bitcoin.Calls);
        Assert.Equal(1, ethereum.Calls);
        var ownership = sink.Updates.Where(u => u.Stage == ReserveVerifier.OwnershipStage).ToList();
        Assert.Equal([0L, 1, 2], ownership.Select(u => u.Done));
        Assert.All(ownership, u => Assert.Equal(2, u.Total));
        Assert.Equal([0L, 1, 2], sink.Updates.Where(u => u.Stage == ReserveVerifier.BalanceStage).Select(u => u.Done));
        var reads = sink.Updates.Where(u => u.Stage == NodeReadCounter.Stage).ToList();
        Assert.Equal(8, reads.Count); // two identity reads and two balance reads, each reported when it starts and ends
        Assert.Equal(4, reads[^1].Done);
        Assert.Contains(reads, u => u.Detail == "ethereum: eth_getBalance ×1");
        Assert.Contains(reads, u => u.Detail == "bitcoin: chain identity");
        Assert.DoesNotContain(sink.Updates, u => (u.Detail ?? string.Empty).Contains(btc.Address, StringComparison.Ordinal) || (u.Detail ?? string.Empty).Contains(eth.Address, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task VerifyAsync_WithoutProgress_ReadsTheGivenNodesDirectly()
    {
        var eth = ReserveTestFixtures.EthereumRow();
        var ethereum = new ScriptedChainReader(ReserveTestFixtures.EthereumIdentity, new Dictionary<string, UInt128>(StringComparer.Ordinal) { [eth.Address] = eth.Amount });
        var result = await new ReserveVerifier(ReserveTestFixtures.Registry, new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { ["ethereum"] = ethereum }, new ReserveVerifierOptions())
            .VerifyAsync(ReserveTestFixtures.Declaration(eth), TestContext.Current.CancellationToken);
        Assert.True(result.AllVerified);
        Assert.Equal(1, ethereum.Calls);
    }
}
