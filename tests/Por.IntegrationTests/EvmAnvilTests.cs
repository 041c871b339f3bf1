// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Cli.Commands;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

public sealed class EvmAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const string Custodian = "Integration Custody";
    private const string Round = "2026-11";
    private static readonly UInt128 s_ether = 1_000_000_000_000_000_000;
    private readonly AnvilReserveRound _round = new(anvil, Custodian, Round);

    [Fact]
    public async Task ReadAsync_Erc20AndNativeAtPinnedBlock_IgnoresLaterTransfers()
    {
        var owner = Address(0);
        var holder = Address(4);
        var token = await anvil.DeployAsync(owner, "PorTestToken");
        await anvil.SendAsync(owner, token, Call("mint(address,uint256)", Word(holder), Word(1_000_000)));
        await anvil.SendAsync(owner, holder, "0x", "0xde0b6b3a7640000");
        var holderBefore = await NativeLatestAsync(holder);
        var (height, hash) = await anvil.LatestBlockAsync();
        await anvil.SendAsync(owner, token, Call("mint(address,uint256)", Word(holder), Word(500)));
        await anvil.SendAsync(owner, holder, "0x", "0x1bc16d674ec80000");
        await anvil.MineAsync(3);

        var node = anvil.CreateEvmNode();
        var readings = await node.ReadAsync(
            [new BalanceQuery(0, holder, null, height, hash), new BalanceQuery(1, holder, token, height, hash)], CancellationToken.None);
        Assert.Equal(holderBefore, readings[0].Amount);
        Assert.Equal((UInt128)1_000_000, readings[1].Amount);
        Assert.Equal(hash, readings[0].BlockHash);
        Assert.NotEqual(holderBefore, await NativeLatestAsync(holder));
    }

    [Fact]
    public async Task ReadAsync_DeclaredHashOfAnotherBlock_BlockMismatch()
    {
        await anvil.MineAsync(2);
        var (height, _) = await anvil.LatestBlockAsync();
        var other = (await anvil.CallAsync("eth_getBlockByNumber", "0x1", false)).GetProperty("hash").GetString();
        var ex = await Assert.ThrowsAsync<NodeException>(() => anvil.CreateEvmNode().ReadAsync([new BalanceQuery(0, Address(1), null, height, other)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.BlockMismatch, ex.Kind);
    }

    [Fact]
    public async Task ReadAsync_ConfiguredForMainnet_WrongChain()
    {
        var (height, hash) = await anvil.LatestBlockAsync();
        var mainnet = anvil.CreateEvmNode(1);
        var ex = await Assert.ThrowsAsync<NodeException>(() => mainnet.ReadAsync([new BalanceQuery(0, Address(1), null, height, hash)], CancellationToken.None));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
    }

    [Fact]
    public async Task VerifyAsync_SafeOwnersAtSnapshot_ThresholdAndDistinctOwnersEnforced()
    {
        var owners = new[] { Address(1), Address(2), Address(3) };
        var arguments = Word(64) + Word(2) + Word(3) + string.Concat(owners.Select(Word));
        var safe = await anvil.DeployAsync(Address(0), "PorTestSafe", arguments);
        await anvil.SendAsync(Address(0), safe, "0x", "0x4563918244f40000");
        var (height, hash) = await anvil.LatestBlockAsync();
        await anvil.SendAsync(Address(1), safe, Call("setThreshold(uint256)", Word(3)));
        await anvil.MineAsync(1);

        var row = SafeRow(safe, height, hash, 1, 2);
        Assert.Equal(RowStatus.Verified, (await VerifyAsync(row)).Status);
        Assert.Equal(OwnershipFailure.DuplicateSigner, (await VerifyAsync(SafeRow(safe, height, hash, 1, 1))).Ownership.Failure);
        Assert.Equal(OwnershipFailure.ThresholdNotMet, (await VerifyAsync(SafeRow(safe, height, hash, 1))).Ownership.Failure);
        Assert.Equal(OwnershipFailure.SignerNotAuthorized, (await VerifyAsync(SafeRow(safe, height, hash, 1, 4))).Ownership.Failure);

        var (later, laterHash) = await anvil.LatestBlockAsync();
        var atLater = await VerifyAsync(SafeRow(safe, later, laterHash, 1, 2));
        Assert.Equal(RowFailure.OwnershipFailed, atLater.Failure);
        Assert.Equal(OwnershipFailure.ThresholdNotMet, atLater.Ownership.Failure);
        Assert.Contains("threshold is 3", atLater.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_Eip1271Wallet_OnlyOwnerSignatureCounts()
    {
        var wallet = await anvil.DeployAsync(Address(0), "PorTest1271Wallet", Word(Address(2)));
        await anvil.SendAsync(Address(0), wallet, "0x", "0xde0b6b3a7640000");
        var (height, hash) = await anvil.LatestBlockAsync();
        Assert.Equal(RowStatus.Verified, (await VerifyAsync(Eip1271Row(wallet, height, hash, signer: 2))).Status);
        Assert.Equal(OwnershipFailure.ContractRejected, (await VerifyAsync(Eip1271Row(wallet, height, hash, signer: 3))).Ownership.Failure);
        Assert.Equal(OwnershipFailure.ContractRejected, (await VerifyAsync(Eip1271Row(Address(4), height, hash, signer: 4))).Ownership.Failure);
    }

    [Fact]
    public async Task Cli_DeclarationAgainstAnvil_JsonVerifiedTotalsAndExitCodes()
    {
        var address = Address(3);
        var (height, hash) = await anvil.LatestBlockAsync();
        var message = ChallengeMessage.For(Custodian, Round, "anvil", height, hash);
        var row = new ReserveRow
        {
            Line = 0,
            Asset = "ETH",
            Chain = "anvil",
            Address = address,
            Amount = 1_000_000_000_000_000_000,
            Decimals = 18,
            SnapshotHeight = height,
            SnapshotBlockHash = hash,
            Scheme = SignatureScheme.Eip191Text,
            Signatures = [SignPersonal(message, 3)],
        };
        var directory = Directory.CreateTempSubdirectory("por-cli-").FullName;
        try
        {
            var declarationPath = Path.Combine(directory, "reserves.json");
            var nodesPath = Path.Combine(directory, "nodes.json");
            var registryPath = Path.Combine(directory, "registry.json");
            await File.WriteAllTextAsync(registryPath, AnvilRegistry.Json(Round, height, hash), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(declarationPath, ReserveDeclarationParser.Write(new ReserveDeclaration("por-reserves/1", Custodian, Round, [row], declarationPath)), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(nodesPath, AnvilRegistry.NodeConfig(anvil.Url), TestContext.Current.CancellationToken);
            var output = new StringWriter();
            var code = await ReservesCommand.RunAsync(new FileInfo(declarationPath), new FileInfo(registryPath), new FileInfo(nodesPath), json: true, allowStaticMessage: false, round: Round, output, new StringWriter(), CancellationToken.None);
            Assert.Equal(ReservesCommand.ExitVerified, code);
            using var document = JsonDocument.Parse(output.ToString());
            Assert.Equal("1000000000000000000", document.RootElement.GetProperty("verified_reserves")[0].GetProperty("amount").GetString());

            var tooMuch = row with { Amount = UInt128.Parse("100000000000000000000000", CultureInfo.InvariantCulture) };
            await File.WriteAllBytesAsync(declarationPath, ReserveDeclarationParser.Write(new ReserveDeclaration("por-reserves/1", Custodian, Round, [tooMuch], declarationPath)), TestContext.Current.CancellationToken);
            Assert.Equal(ReservesCommand.ExitFailed, await ReservesCommand.RunAsync(new FileInfo(declarationPath), new FileInfo(registryPath), new FileInfo(nodesPath), json: false, false, null, new StringWriter(), new StringWriter(), CancellationToken.None));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }




    private async Task<UInt128> NativeLatestAsync(string address)
    {
        var hex = (await anvil.CallAsync("eth_getBalance", address, "latest").ConfigureAwait(false)).GetString()!;
        return UInt128.Parse(hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private Task<RowOutcome> VerifyAsync(ReserveRow row) => _round.VerifyAsync(row);

    private ReserveRow SafeRow(string safe, long height, string hash, params int[] signers) => _round.Safe(safe, 5 * s_ether, height, hash, signers);

    private ReserveRow Eip1271Row(string wallet, long height, string hash, int signer) => AnvilReserveRound.Eip1271(wallet, s_ether, height, hash, _round.Sign(height, hash, signer));
}
