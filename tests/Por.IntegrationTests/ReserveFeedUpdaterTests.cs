// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Tokens.MintGuard;
using Por.Tokens.Model;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>ReserveFeedUpdater on anvil: raw EIP-1559 transactions checked against ethers, and the feed updated only from fresh, complete evidence.</summary>
public sealed class ReserveFeedUpdaterTests(AnvilNode anvil) : IClassFixture<AnvilNode>, IDisposable
{
    // anvil's dev account 1 (the updater) and 3 (not the updater).
    private const string UpdaterSecret = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string OtherSecret = "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    private static readonly RetryPolicy s_policy = new(2, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly MintGuardChain _chain = new(anvil);
    private readonly string _directory = Directory.CreateTempSubdirectory("por-feed-key-").FullName;

    public void Dispose()
    {
        _http.Dispose();
        _chain.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ReserveFeedUpdater Updater(string secret = UpdaterSecret, long chainId = AnvilRegistry.ChainId) =>
        new(new HttpNodeTransport(_http, anvil.Url, s_policy), chainId, UpdaterKey.FromSecret(Convert.FromHexString(secret)))
        {
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
        };

    private static TokenEvaluation Evaluation(BigInteger reserves, int decimals, DateTimeOffset at, EvidenceFailure failure = EvidenceFailure.None)
    {
        var supply = new SupplyReading("anvil", "0x00", DeploymentRole.Canonical, 1, "0x01", at, 1, 0, 1, EvidenceFailure.None, "test");
        var reserve = new ReserveEvidence("custody", EvidenceClass.OnChainDeclared, reserves, at, "block 1", failure, "test");
        var status = TokenEvaluation.StatusOf([supply], [reserve], 1, reserves, 0);
        return new TokenEvaluation("wbtc-like", decimals, at, [supply], [reserve], 1, reserves, 0, status);
    }

    private async Task<BigInteger> NonceAsync(string address) =>
        BigInteger.Parse("0" + (await anvil.CallAsync("eth_getTransactionCount", address, "latest").ConfigureAwait(false)).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [Fact]
    public async Task SignedTransactions_AreByteForByteWhatEthersSigns()
    {
        var cases = new[]
        {
            new Eip1559Transaction(31337, 0, 1, 2, 21_000, Convert.FromHexString("5fbdb2315678afecb367f032d93f642f64180aa3"), 0, []),
            new Eip1559Transaction(1, 1234, 1_500_000_000, 60_000_000_000, 250_000, Convert.FromHexString("00000000000000000000000000000000000000ff"), BigInteger.Parse("1000000000000000000", CultureInfo.InvariantCulture), EvmAbi.Call("updateAnswer(int256,uint256)", AbiValue.Int(123_456_789), AbiValue.Uint(1_800_000_000))),
            new Eip1559Transaction(8453, 7, 0, 100, 3_000_000, null, 0, ReserveFeedUpdater.FeedBytecode()),
            new Eip1559Transaction(BigInteger.Parse("4294967295", CultureInfo.InvariantCulture), 127, 128, 255, 256, Convert.FromHexString("ffffffffffffffffffffffffffffffffffffffff"), 55, new byte[55]),
        };
        foreach (var tx in cases)
        {
            var ours = "0x" + Convert.ToHexStringLower(tx.Sign(Convert.FromHexString(UpdaterSecret)));
            Assert.Equal(await EthersSignAsync(tx, UpdaterSecret), ours);
        }
    }

    [Fact]
    public async Task Update_FromAFreshEvaluation_MovesTheGuard_AMintWithinPasses_OneAboveReverts()
    {
        var updater = Updater();
        var (feed, _) = await updater.DeployAsync(6, "WBTC-like reserves", Convert.FromHexString(Address(1)[2..]), TestContext.Current.CancellationToken);
        var token = await _chain.DeployTokenAsync(Address(0), 8, feed, MarginMode.None, 0, 3600);
        var state = await updater.ReadFeedAsync(feed, TestContext.Current.CancellationToken);
        Assert.Equal(6, state.Decimals);
        Assert.Equal(0, state.LatestRound);

        // 12.34567891 BTC-like units at 8 decimals; the feed has 6, so it publishes 12.345678 (rounded down).
        var result = await updater.UpdateAsync(feed, Evaluation(1_234_567_891, 8, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        Assert.True(result.Outcome == FeedUpdateOutcome.Updated, result.Detail);
        Assert.Equal(12_345_678, result.Answer);
        Assert.Equal(1, result.RoundId);
        var receipt = await anvil.CallAsync("eth_getTransactionReceipt", result.TransactionHash!);
        Assert.Equal("0x2", receipt.GetProperty("type").GetString());

        // The token has 8 decimals: the guard scales 12.345678 back up to 1,234,567,800.
        var above = await _chain.TrySendAsync(Address(0), token, Mint(1_234_567_801));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName(above!));
        Assert.Null(await _chain.TrySendAsync(Address(0), token, Mint(1_234_567_800)));

        // A second publication needs a newer evaluation, and then moves the guard again.
        var again = await updater.UpdateAsync(feed, Evaluation(1_234_567_891, 8, DateTimeOffset.UtcNow.AddSeconds(-3600)), TimeSpan.FromHours(2), TestContext.Current.CancellationToken);
        Assert.Equal(FeedUpdateOutcome.NotNewerThanFeed, again.Outcome);
        await anvil.CallAsync("evm_increaseTime", 5);
        await anvil.MineAsync(1);
        var more = await updater.UpdateAsync(feed, Evaluation(2_000_000_000, 8, DateTimeOffset.UtcNow.AddSeconds(5)), TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        Assert.True(more.Outcome == FeedUpdateOutcome.Updated, more.Detail);
        Assert.Equal(2, more.RoundId);
        Assert.Null(await _chain.TrySendAsync(Address(0), token, Mint(2_000_000_000 - 1_234_567_800)));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName((await _chain.TrySendAsync(Address(0), token, Mint(1)))!));
    }

    [Theory]
    [InlineData(EvidenceFailure.Stale)]
    [InlineData(EvidenceFailure.Incomplete)]
    [InlineData(EvidenceFailure.Unclocked)]
    [InlineData(EvidenceFailure.Ripcord)]
    public async Task Update_FromFailedEvidence_SendsNothing(EvidenceFailure failure)
    {
        var updater = Updater();
        var (feed, _) = await updater.DeployAsync(8, "reserves", Convert.FromHexString(Address(1)[2..]), TestContext.Current.CancellationToken);
        var nonce = await NonceAsync(Address(1));
        var result = await updater.UpdateAsync(feed, Evaluation(1_000, 8, DateTimeOffset.UtcNow, failure), TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        Assert.Equal(FeedUpdateOutcome.EvidenceFailed, result.Outcome);
        Assert.Contains(EvidenceFailureCodes.Of(failure), result.Detail, StringComparison.Ordinal);
        Assert.Null(result.TransactionHash);
        Assert.Equal(nonce, await NonceAsync(Address(1)));
        Assert.Equal(0, (await updater.ReadFeedAsync(feed, TestContext.Current.CancellationToken)).LatestRound);
    }

    [Fact]
    public async Task Update_RefusesAnOldEvaluation_AZeroAnswer_AndAKeyThatIsNotTheUpdater()
    {
        var updater = Updater();
        var (feed, _) = await updater.DeployAsync(2, "reserves", Convert.FromHexString(Address(1)[2..]), TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(FeedUpdateOutcome.EvaluationTooOld, (await updater.UpdateAsync(feed, Evaluation(1_000, 8, DateTimeOffset.UtcNow.AddMinutes(-11)), TimeSpan.FromMinutes(10), ct)).Outcome);
        // 999 units at 8 decimals are 0 at the feed's 2: the feed never receives a zero answer.
        Assert.Equal(FeedUpdateOutcome.AnswerOutOfRange, (await updater.UpdateAsync(feed, Evaluation(999_999, 8, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(10), ct)).Outcome);
        var other = Updater(OtherSecret);
        Assert.Equal(FeedUpdateOutcome.NotUpdater, (await other.UpdateAsync(feed, Evaluation(1_000_000, 8, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(10), ct)).Outcome);
        Assert.Equal(0, (await updater.ReadFeedAsync(feed, ct)).LatestRound);
    }

    [Fact]
    public async Task Update_OnANodeOfAnotherChain_IsRefused()
    {
        var (feed, _) = await Updater().DeployAsync(8, "reserves", Convert.FromHexString(Address(1)[2..]), TestContext.Current.CancellationToken);
        var mainnet = Updater(chainId: 1);
        var ex = await Assert.ThrowsAsync<NodeException>(() => mainnet.UpdateAsync(feed, Evaluation(1_000, 8, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken));
        Assert.Equal(NodeFailureKind.WrongChain, ex.Kind);
        await Assert.ThrowsAsync<NodeException>(() => mainnet.DeployAsync(8, "reserves", new byte[20], TestContext.Current.CancellationToken));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void KeyFile_MustBeOwnerOnly_AndHoldAValidKey()
    {
        var path = Path.Combine(_directory, "updater.key");
        File.WriteAllText(path, "0x" + UpdaterSecret + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Contains("chmod 600", Assert.Throws<InputException>(() => UpdaterKey.Read(path)).Message, StringComparison.Ordinal);
        File.SetUnixFileMode(path, PrivateFiles.FileMode);
        Assert.Equal(Address(1), UpdaterKey.Read(path).AddressText);
        File.WriteAllText(path, new string('0', 64));
        Assert.Throws<InputException>(() => UpdaterKey.Read(path));
        File.WriteAllText(path, UpdaterSecret[..63]);
        Assert.Throws<InputException>(() => UpdaterKey.Read(path));
    }

    private static byte[] Mint(BigInteger amount) => EvmAbi.Call("mint(address,uint256)", AbiValue.Address(MintGuardChain.AddressBytes(Address(2))), AbiValue.Uint(amount));

    private static async Task<string> EthersSignAsync(Eip1559Transaction tx, string secret)
    {
        const string Script = """
            const { Wallet } = require('ethers');
            const t = JSON.parse(process.argv[1]);
            new Wallet('0x' + process.argv[2]).signTransaction({ type: 2, chainId: BigInt(t.chainId), nonce: Number(t.nonce),
              maxPriorityFeePerGas: BigInt(t.tip), maxFeePerGas: BigInt(t.cap), gasLimit: BigInt(t.gas), to: t.to, value: BigInt(t.value),
              data: t.data, accessList: [] }).then((raw) => process.stdout.write(raw));
            """;
        var json = JsonSerializer.Serialize(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["chainId"] = tx.ChainId.ToString(CultureInfo.InvariantCulture),
            ["nonce"] = tx.Nonce.ToString(CultureInfo.InvariantCulture),
            ["tip"] = tx.MaxPriorityFeePerGas.ToString(CultureInfo.InvariantCulture),
            ["cap"] = tx.MaxFeePerGas.ToString(CultureInfo.InvariantCulture),
            ["gas"] = tx.GasLimit.ToString(CultureInfo.InvariantCulture),
            ["to"] = tx.To is null ? null : "0x" + Convert.ToHexStringLower(tx.To),
            ["value"] = tx.Value.ToString(CultureInfo.InvariantCulture),
            ["data"] = "0x" + Convert.ToHexStringLower(tx.Data),
        });
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-e", Script, json, secret })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(RepositoryPaths.Root, "tools", "node_modules");
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Root, "tools", "node_modules", "ethers")))
        {
            RequiredTool.Missing("ethers not found in tools/node_modules: run `npm ci --prefix tools --ignore-scripts`");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        Assert.True(process.ExitCode == 0, "node: " + await stderr.ConfigureAwait(false));
        return await stdout.ConfigureAwait(false);
    }
}
