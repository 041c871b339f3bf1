// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Por.Tokens;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.IntegrationTests;

/// <summary>Token supply on two real anvil chains: exact circulating supply, exclusions, conservation, faults, reorgs.</summary>
public sealed class TokenSupplyAnvilTests(TokenChainsFixture chains) : IClassFixture<TokenChainsFixture>
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task CirculatingSupply_IsExact_AcrossChains_WithExclusionsAndTheRepresentationCountedOnce()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var (homeTip, _) = await chains.Home.LatestBlockAsync();
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating * 101 / 100));

        Assert.Equal(TokenStatus.Covered, evaluation.Status);
        Assert.Equal(WrappedTokenScenario.Circulating, evaluation.CirculatingSupply);
        var home = evaluation.Supply[0];
        Assert.Equal(EvidenceFailure.None, home.Failure);
        Assert.Equal(1_050 * WrappedTokenScenario.Unit8, home.TotalSupply);
        Assert.Equal(50 * WrappedTokenScenario.Unit8, home.Excluded);
        Assert.Equal(1_000 * WrappedTokenScenario.Unit8, home.Counted);
        Assert.Equal(homeTip - WrappedTokenScenario.ReorgMargin, home.Height);
        var pinned = await chains.Home.CallAsync("eth_getBlockByNumber", "0x" + home.Height.ToString("x", CultureInfo.InvariantCulture), false);
        Assert.Equal(pinned.GetProperty("hash").GetString(), home.BlockHash);

        var bridged = evaluation.Supply[1];
        Assert.Equal(DeploymentRole.LockAndMint, bridged.Role);
        Assert.Equal(300 * WrappedTokenScenario.Unit8, bridged.TotalSupply); // 300e18 scaled exactly to 8 decimals
        Assert.Equal(BigInteger.Zero, bridged.Counted);
        Assert.Equal(200 * WrappedTokenScenario.Unit8, evaluation.Supply[2].Counted);

        // The same chains with one base unit less of reserves than supply × (1 + 1 %): below the margin, not covered.
        var below = await EvaluateAsync(scenario.Registry((WrappedTokenScenario.Circulating * 101 / 100) - 1));
        Assert.Equal(TokenStatus.BelowMargin, below.Status);
    }

    [Fact]
    public async Task MintsAboveTheFinalizedBlock_AreNotCountedYet()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        await WrappedTokenScenario.MintAsync(chains.Home, scenario.Canonical, WrappedTokenScenario.Holder, 5 * WrappedTokenScenario.Unit8);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating));
        Assert.Equal(WrappedTokenScenario.Circulating, evaluation.CirculatingSupply);

        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        var later = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating));
        Assert.Equal(WrappedTokenScenario.Circulating + (5 * WrappedTokenScenario.Unit8), later.CirculatingSupply);
        Assert.Equal(TokenStatus.Undercollateralized, later.Status);
    }

    [Fact]
    public async Task DeclaredDecimals_AreCheckedAgainstTheContract()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating, representationDecimals: 8));

        Assert.Equal(TokenStatus.EvidenceFailed, evaluation.Status);
        Assert.False(evaluation.HasRatio);
        var bridged = evaluation.Supply[1];
        Assert.Equal(EvidenceFailure.Mismatch, bridged.Failure);
        Assert.Contains("decimals() of", bridged.Detail, StringComparison.Ordinal);
        Assert.Contains("is 18", bridged.Detail, StringComparison.Ordinal);
        Assert.Equal(EvidenceFailure.None, evaluation.Supply[0].Failure);
    }

    [Fact]
    public async Task DeclaredChainId_IsCheckedAgainstTheNode()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating, remoteChainId: 31337));

        Assert.Equal(TokenStatus.EvidenceFailed, evaluation.Status);
        Assert.All(evaluation.Supply.Where(s => s.Chain == "remote"), s => Assert.Equal(EvidenceFailure.Mismatch, s.Failure));
        Assert.Contains("reports chain id 31338", evaluation.Supply[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepresentationAboveItsEscrow_FailsClosed()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        // One canonical unit minted on the remote chain without a lock on the home chain.
        await WrappedTokenScenario.MintAsync(chains.Remote, scenario.Representation, WrappedTokenScenario.BridgeUser, WrappedTokenScenario.Unit18);
        await chains.Remote.MineAsync(WrappedTokenScenario.ReorgMargin);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating * 2));

        Assert.Equal(TokenStatus.EvidenceFailed, evaluation.Status);
        Assert.False(evaluation.HasRatio);
        Assert.Equal(EvidenceFailure.ConservationViolated, evaluation.Supply[1].Failure);
        Assert.Contains("exceeds its escrow", evaluation.Supply[1].Detail, StringComparison.Ordinal);
        Assert.Contains(evaluation.FailedEvidence, f => f.Contains("conservation_violated", StringComparison.Ordinal));

        // Locking the unit on the home chain restores conservation.
        await chains.Home.SendAsync(WrappedTokenScenario.Holder, scenario.Canonical,
            Abi.Call("transfer(address,uint256)", Abi.Word(WrappedTokenScenario.Escrow), WrappedTokenScenario.Word(WrappedTokenScenario.Unit8)));
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        var locked = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating * 2));
        Assert.Equal(EvidenceFailure.None, locked.Supply[1].Failure);
        Assert.Equal(WrappedTokenScenario.Circulating, locked.CirculatingSupply);
    }

    [Fact]
    public async Task ARepresentationThatCannotBeScaledExactly_IsRefusedNotRounded()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        await WrappedTokenScenario.MintAsync(chains.Remote, scenario.Representation, WrappedTokenScenario.BridgeUser, 1); // 1e-18 of a unit
        await chains.Remote.MineAsync(WrappedTokenScenario.ReorgMargin);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating * 2));

        Assert.Equal(EvidenceFailure.Mismatch, evaluation.Supply[1].Failure);
        Assert.Contains("without losing units", evaluation.Supply[1].Detail, StringComparison.Ordinal);
        Assert.Equal(TokenStatus.EvidenceFailed, evaluation.Status);
    }

    [Fact]
    public async Task ANodeDown_IsANodeFault_NeverAPartialTotal()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating * 2, remoteUrl: "http://127.0.0.1:9/"));

        Assert.Equal(TokenStatus.EvidenceFailed, evaluation.Status);
        Assert.False(evaluation.HasRatio);
        Assert.Equal(EvidenceFailure.None, evaluation.Supply[0].Failure);
        Assert.Equal(EvidenceFailure.NodeFault, evaluation.Supply[1].Failure);
        Assert.Equal(EvidenceFailure.NodeFault, evaluation.Supply[2].Failure);
        Assert.Contains("after 2 attempts", evaluation.Supply[2].Detail, StringComparison.Ordinal);
        Assert.Equal(2, evaluation.FailedEvidence.Count(f => f.StartsWith("supply remote/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AReorgWithinTheMargin_DoesNotChangeTheReading()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var registry = scenario.Registry(WrappedTokenScenario.Circulating * 2);
        var first = await EvaluateAsync(registry);
        var snapshot = (await chains.Home.CallAsync("evm_snapshot")).GetString()!;

        // A mint one block deep, then reorganised away: it was never final, so no reading counted it.
        await WrappedTokenScenario.MintAsync(chains.Home, scenario.Canonical, WrappedTokenScenario.Holder, 999 * WrappedTokenScenario.Unit8);
        var during = await EvaluateAsync(registry, TokenEvaluator.PinsOf(first));
        Assert.Equal(first.CirculatingSupply, during.CirculatingSupply);
        Assert.True((await chains.Home.CallAsync("evm_revert", snapshot)).GetBoolean());
        await chains.Home.MineAsync(2);
        var after = await EvaluateAsync(registry, TokenEvaluator.PinsOf(during));

        Assert.Equal(TokenStatus.Covered, after.Status);
        Assert.Equal(first.CirculatingSupply, after.CirculatingSupply);
        Assert.True(after.Supply[0].Height > during.Supply[0].Height);
    }

    [Fact]
    public async Task AReorgDeeperThanTheMargin_IsCaughtByThePreviousPin()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        var registry = scenario.Registry(WrappedTokenScenario.Circulating * 2);
        var snapshot = (await chains.Home.CallAsync("evm_snapshot")).GetString()!;
        await WrappedTokenScenario.MintAsync(chains.Home, scenario.Canonical, WrappedTokenScenario.Holder, 5 * WrappedTokenScenario.Unit8);
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        var before = await EvaluateAsync(registry);
        Assert.Equal(WrappedTokenScenario.Circulating + (5 * WrappedTokenScenario.Unit8), before.CirculatingSupply);

        // Another history from the snapshot, as long as the first: the block pinned as final now has another hash.
        Assert.True((await chains.Home.CallAsync("evm_revert", snapshot)).GetBoolean());
        await WrappedTokenScenario.MintAsync(chains.Home, scenario.Canonical, WrappedTokenScenario.Holder, 7 * WrappedTokenScenario.Unit8);
        await chains.Home.MineAsync(WrappedTokenScenario.ReorgMargin);
        var after = await EvaluateAsync(registry, TokenEvaluator.PinsOf(before));

        Assert.Equal(TokenStatus.EvidenceFailed, after.Status);
        Assert.Equal(EvidenceFailure.Mismatch, after.Supply[0].Failure);
        Assert.Contains("reorganised deeper than its reorg margin", after.Supply[0].Detail, StringComparison.Ordinal);
        // The representation's escrow is on the reorganised chain: it cannot be checked either.
        Assert.Equal(EvidenceFailure.Incomplete, after.Supply[1].Failure);

        // Without the previous pin the new history reads cleanly (the check is what catches it).
        var fresh = await EvaluateAsync(registry);
        Assert.Equal(WrappedTokenScenario.Circulating + (7 * WrappedTokenScenario.Unit8), fresh.CirculatingSupply);
    }

    [Fact]
    public async Task TheFinalizedTag_CapsThePin()
    {
        var scenario = await WrappedTokenScenario.DeployAsync(chains);
        await chains.Home.MineAsync(100);
        await chains.Remote.MineAsync(100);
        var finalized = await chains.Home.CallAsync("eth_getBlockByNumber", "finalized", false);
        var finalizedHeight = long.Parse(finalized.GetProperty("number").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var (tip, _) = await chains.Home.LatestBlockAsync();
        Assert.True(finalizedHeight < tip - WrappedTokenScenario.ReorgMargin, $"anvil's finalized block {finalizedHeight} should lag the tip {tip}");

        var evaluation = await EvaluateAsync(scenario.Registry(WrappedTokenScenario.Circulating, finalizedTag: true));
        Assert.Equal(finalizedHeight, evaluation.Supply[0].Height);
        Assert.Equal(finalized.GetProperty("hash").GetString(), evaluation.Supply[0].BlockHash);
    }

    private static async Task<TokenEvaluation> EvaluateAsync(JsonObject registryJson, IReadOnlyDictionary<string, PinnedBlock>? previous = null)
    {
        var registry = TokenRegistryReader.Parse(Encoding.UTF8.GetBytes(registryJson.ToJsonString()), "registry.json");
        using var nodes = new ChainNodes(registry, _ => null);
        var evaluator = new TokenEvaluator(registry, new ReserveSourceReaders([new FixedReserveReader()]), nodes);
        return await evaluator.EvaluateAsync(registry.Tokens[0], previous, s_none).ConfigureAwait(false);
    }
}
