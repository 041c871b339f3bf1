// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Reserves.Registry;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>
/// The inflation attacks against a real anvil node, each without a forged signature: wrong decimals, a
/// worthless token named as an asset, each row choosing its own snapshot, a test network or an alias chain, and an
/// edited result. Every row here is honestly signed; only the registry and the chain decide.
/// </summary>
public sealed class RegistryAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const string Custodian = "Registry Custody";
    private const string Round = "2026-12";
    private readonly AnvilReserveRound _round = new(anvil, Custodian, Round);

    [Fact]
    public async Task TokenDecimals_ReadOnChainAndDeclared_BothMustEqualRegistry()
    {
        var token = await anvil.DeployAsync(Address(0), "PorTestToken");
        await anvil.SendAsync(Address(0), token, Call("mint(address,uint256)", Word(Address(1)), Word(5_000_000)));
        var (height, hash) = await anvil.LatestBlockAsync();
        var row = TokenRow("USDT", token, 1, 5_000_000, 6, height, hash);

        Assert.True((await VerifyAsync(AnvilRegistry.Parse(Round, height, hash, [("USDT", token, 6)]), row)).IsValid);

        // The registry says 18 decimals; the contract answers 6 at the snapshot: the row cannot count, whatever it declares.
        var wrongRegistry = await VerifyAsync(AnvilRegistry.Parse(Round, height, hash, [("USDT", token, 18)]), row with { Decimals = 18 });
        Assert.Equal(RowFailure.DecimalsMismatch, wrongRegistry.Failure);
        Assert.Contains("6 decimals on chain", wrongRegistry.Message, StringComparison.Ordinal);

        // The case: decimals 0 declared with the amount in whole units backed by base units.
        var declaredZero = await VerifyAsync(AnvilRegistry.Parse(Round, height, hash, [("USDT", token, 6)]), row with { Decimals = 0, Amount = 5 });
        Assert.Equal(RowFailure.DecimalsMismatch, declaredZero.Failure);
    }

    [Fact]
    public async Task WorthlessTokenNamedAsAsset_NotInRegistry()
    {
        var real = await anvil.DeployAsync(Address(0), "PorTestToken");
        var worthless = await anvil.DeployAsync(Address(0), "PorTestToken");
        await anvil.SendAsync(Address(0), worthless, Call("mint(address,uint256)", Word(Address(2)), Word(2_100_000_000_000_000)));
        var (height, hash) = await anvil.LatestBlockAsync();
        var registry = AnvilRegistry.Parse(Round, height, hash, [("BTC", real, 6)]);
        var outcome = await VerifyAsync(registry, TokenRow("BTC", worthless, 2, 2_100_000_000_000_000, 6, height, hash));
        Assert.Equal(RowFailure.NotInRegistry, outcome.Failure);
        Assert.Contains("counts only as " + real, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoinsMovedBetweenTwoRowsOwnHeights_OnlyTheRoundsSnapshotCounts()
    {
        // 10 ETH at A at height h1, moved to B by h2; A is declared at h1 and B at h2, each honestly signed over its own
        // block. Only the row at the round's one snapshot block can count.
        await anvil.SendAsync(Address(0), Address(3), "0x", "0x8ac7230489e80000");
        var (h1, hash1) = await anvil.LatestBlockAsync();
        await anvil.SendAsync(Address(3), Address(4), "0x", "0x8ac7230489e80000");
        await anvil.MineAsync(2);
        var (h2, hash2) = await anvil.LatestBlockAsync();
        var ten = UInt128.Parse("10000000000000000000", CultureInfo.InvariantCulture);
        var rowA = NativeRow(3, ten, h1, hash1);
        var rowB = NativeRow(4, ten, h2, hash2);

        var result = await VerifyAllAsync(AnvilRegistry.Parse(Round, h2, hash2), rowA, rowB);
        Assert.Equal(RowFailure.SnapshotMismatch, result.Rows[0].Failure);
        Assert.True(result.Rows[1].IsValid, result.Rows[1].Message);
        Assert.Equal(ten, result.VerifiedTotal("ETH"));
    }

    [Fact]
    public async Task MainnetRegistry_RefusesAnvilChainId_AndMainnetChainIdServedByAnvilIsWrongChain()
    {
        var (height, hash) = await anvil.LatestBlockAsync();
        var testJson = AnvilRegistry.Json(Round, height, hash);
        var asMainnet = Encoding.UTF8.GetBytes(testJson.Replace("\"network\":\"test\"", "\"network\":\"mainnet\"", StringComparison.Ordinal));
        var refused = Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(asMainnet, "registry.json"));
        Assert.Equal("chains.anvil", refused.Field);
        Assert.Contains("test or development network", refused.Message, StringComparison.Ordinal);

        // A registry naming Ethereum mainnet (chain id 1), with the node config pointing that chain at anvil.
        var mainnet = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(asMainnet).Replace("\"chain_id\":31337", "\"chain_id\":1", StringComparison.Ordinal));
        var registry = ReserveRegistryParser.Parse(mainnet, "registry.json");
        var outcome = await VerifyAsync(registry, NativeRow(1, 1, height, hash));
        Assert.Equal(RowFailure.WrongChain, outcome.Failure);
        Assert.Contains("EVM chain id 31337", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AliasChain_RegistryRejected_AndSameAddressTwiceCountsOnce()
    {
        var (height, hash) = await anvil.LatestBlockAsync();
        var json = JsonNode.Parse(AnvilRegistry.Json(Round, height, hash))!.AsObject();
        json["chains"]!["anvil-again"] = json["chains"]!["anvil"]!.DeepClone();
        var alias = Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "registry.json"));
        Assert.Contains("same chain as 'anvil'", alias.Message, StringComparison.Ordinal);

        var row = NativeRow(1, 1, height, hash);
        var result = await VerifyAllAsync(AnvilRegistry.Parse(Round, height, hash), row, row with { Line = 2, Address = row.Address.ToLowerInvariant() });
        Assert.All(result.Rows, r => Assert.Equal(RowFailure.DuplicateClaim, r.Failure));
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("ETH"));
    }

    [Fact]
    public async Task Cli_SignedResult_WrittenAtomicallyAndVerifiesWithTrustedKey()
    {
        var (height, hash) = await anvil.LatestBlockAsync();
        var directory = Directory.CreateTempSubdirectory("por-registry-cli-").FullName;
        try
        {
            var declaration = Path.Combine(directory, "reserves.json");
            var registry = Path.Combine(directory, "registry.json");
            var nodes = Path.Combine(directory, "nodes.json");
            var key = Path.Combine(directory, "verifier.key.json");
            var result = Path.Combine(directory, "result.json");
            var verifierKey = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Registry Auditor");
            await File.WriteAllBytesAsync(key, verifierKey.ToJson(), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(registry, AnvilRegistry.Json(Round, height, hash), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(nodes, AnvilRegistry.NodeConfig(anvil.Url), TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(declaration, ReserveDeclarationParser.Write(new ReserveDeclaration("por-reserves/1", Custodian, Round, [NativeRow(1, 1, height, hash)], declaration)), TestContext.Current.CancellationToken);

            var request = new Por.Cli.Commands.ReservesVerifyRequest(new FileInfo(declaration), new FileInfo(registry), new FileInfo(nodes), true, false, Round, new FileInfo(result), new FileInfo(key));
            var error = new StringWriter();
            Assert.Equal(0, await Por.Cli.Commands.ReservesCommand.RunAsync(request, new StringWriter(), error, CancellationToken.None));
            var bytes = await File.ReadAllBytesAsync(result, TestContext.Current.CancellationToken);
            var signature = ReserveResultSignatureJson.Parse(await File.ReadAllBytesAsync(result + ".sig", TestContext.Current.CancellationToken), result + ".sig");
            Assert.Equal(AttestationFailure.None, ReserveResultSigner.Verify(signature, bytes, result, verifierKey.Public()).Failure);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(registry, TestContext.Current.CancellationToken))), Convert.ToHexStringLower(signature.RegistrySha256));

            // Signing needs the result file it covers.
            var withoutOutput = request with { ResultFile = null };
            Assert.Equal(2, await Por.Cli.Commands.ReservesCommand.RunAsync(withoutOutput, new StringWriter(), new StringWriter(), CancellationToken.None));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<RowOutcome> VerifyAsync(ReserveRegistry registry, ReserveRow row) => (await VerifyAllAsync(registry, row).ConfigureAwait(false)).Rows.Single();

    private Task<ReserveVerificationResult> VerifyAllAsync(ReserveRegistry registry, params ReserveRow[] rows) => _round.VerifyAsync(registry, rows);

    private ReserveRow NativeRow(int account, UInt128 amount, long height, string hash) => _round.Native(account, amount, height, hash);

    private ReserveRow TokenRow(string asset, string token, int account, UInt128 amount, int decimals, long height, string hash) => _round.Token(account, asset, token, amount, decimals, height, hash);
}
