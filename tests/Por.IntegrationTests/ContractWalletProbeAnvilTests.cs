// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;

namespace Por.IntegrationTests;

/// <summary>
/// Contract wallets against a real anvil node: an EIP-1271 wallet that accepts any signature is rejected as
/// <c>contract_accepts_any_signature</c> while an honest one still verifies, and Safe owners are read at the snapshot
/// block (an owner replaced after the snapshot still counts for that snapshot, and no longer at a later one).
/// </summary>
public sealed class ContractWalletProbeAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const long AnvilChainId = 31337;
    private const string Custodian = "Probe Custody";
    private const string Round = "2026-12";

    // anvil's well-known development keys (mnemonic "test test … junk"), accounts 0..4.
    private static readonly string[] s_keys =
    [
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    ];

    private static readonly RetryPolicy s_policy = new(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
    private static readonly HttpClient s_http = new() { Timeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task VerifyAsync_AcceptAllWallet_ContractAcceptsAnySignatureInJson()
    {
        var cheat = await anvil.DeployAsync(Address(0), "PorTestAcceptAll1271");
        await anvil.SendAsync(Address(0), cheat, "0x", "0xde0b6b3a7640000");
        var honest = await anvil.DeployAsync(Address(0), "PorTest1271Wallet", Word(Address(2)));
        await anvil.SendAsync(Address(0), honest, "0x", "0xde0b6b3a7640000");
        var (height, hash) = await anvil.LatestBlockAsync();

        // The cheating wallet does return the magic value for the challenge with a one-byte "signature" …
        var challengeHash = EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(ChallengeMessage.For(Custodian, Round, AnvilRegistry.Chain, height, hash)));
        Assert.True(await Node().IsValidSignatureAsync(cheat, challengeHash, [0x00], height, hash, CancellationToken.None));

        // … but the row fails, with its own code in the result JSON, whatever signature is declared.
        var result = await VerifyAsync(height, hash, Eip1271Row(cheat, height, hash, "0x00"), Eip1271Row(honest, height, hash, Sign(height, hash, 2)));
        Assert.Equal(RowStatus.Failed, result.Rows[0].Status);
        Assert.Equal(RowFailure.OwnershipFailed, result.Rows[0].Failure);
        Assert.Equal(OwnershipFailure.ContractAcceptsAnySignature, result.Rows[0].Ownership.Failure);
        Assert.Equal(RowStatus.Verified, result.Rows[1].Status);
        var withRealSignature = await VerifyAsync(height, hash, Eip1271Row(cheat, height, hash, Sign(height, hash, 2)));
        Assert.Equal(OwnershipFailure.ContractAcceptsAnySignature, withRealSignature.Rows[0].Ownership.Failure);

        using var json = JsonDocument.Parse(ReserveResultJson.Serialize(result));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal("contract_accepts_any_signature", rows[0].GetProperty("ownershipFailure").GetString());
        Assert.Equal("ownership_failed", rows[0].GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("ownershipFailure").ValueKind);
    }

    [Fact]
    public async Task VerifyAsync_SafeOwnerReplacedAfterSnapshot_OwnersReadAtSnapshotBlock()
    {
        var owners = new[] { Address(1), Address(2), Address(3) };
        var arguments = Word(64) + Word(2) + Word(3) + string.Concat(owners.Select(Word));
        var safe = await anvil.DeployAsync(Address(0), "PorTestSafe", arguments);
        await anvil.SendAsync(Address(0), safe, "0x", "0x4563918244f40000");
        var (height, hash) = await anvil.LatestBlockAsync();

        // After the snapshot, owner 2 is replaced by account 4.
        await anvil.SendAsync(Address(1), safe, Call("setOwner(uint256,address)", Word(1), Word(Address(4))));
        await anvil.MineAsync(1);
        var (later, laterHash) = await anvil.LatestBlockAsync();

        Assert.Equal(RowStatus.Verified, (await VerifyAsync(height, hash, SafeRow(safe, height, hash, 1, 2))).Rows[0].Status);
        Assert.Equal(OwnershipFailure.SignerNotAuthorized, (await VerifyAsync(height, hash, SafeRow(safe, height, hash, 1, 4))).Rows[0].Ownership.Failure);
        Assert.Equal(OwnershipFailure.SignerNotAuthorized, (await VerifyAsync(later, laterHash, SafeRow(safe, later, laterHash, 1, 2))).Rows[0].Ownership.Failure);
        Assert.Equal(RowStatus.Verified, (await VerifyAsync(later, laterHash, SafeRow(safe, later, laterHash, 1, 4))).Rows[0].Status);
    }

    private async Task<ReserveVerificationResult> VerifyAsync(long height, string hash, params ReserveRow[] rows)
    {
        var nodes = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { [AnvilRegistry.Chain] = Node() };
        var registry = AnvilRegistry.Parse(Round, height, hash);
        return await new ReserveVerifier(registry, nodes, new ReserveVerifierOptions()).VerifyAsync(new ReserveDeclaration("por-reserves/1", Custodian, Round, rows, "anvil"), CancellationToken.None).ConfigureAwait(false);
    }

    private static ReserveRow Eip1271Row(string wallet, long height, string hash, string signature) => new()
    {
        Line = 0,
        Asset = "ETH",
        Chain = AnvilRegistry.Chain,
        Address = wallet,
        Amount = 1_000_000_000_000_000_000,
        Decimals = 18,
        SnapshotHeight = height,
        SnapshotBlockHash = hash,
        Scheme = SignatureScheme.Eip1271,
        Signatures = [signature],
    };

    private static ReserveRow SafeRow(string safe, long height, string hash, params int[] signers) => new()
    {
        Line = 0,
        Asset = "ETH",
        Chain = AnvilRegistry.Chain,
        Address = safe,
        Amount = 5_000_000_000_000_000_000,
        Decimals = 18,
        SnapshotHeight = height,
        SnapshotBlockHash = hash,
        Scheme = SignatureScheme.SafeOwners,
        Owners = [.. signers.Select(Address)],
        Signatures = [.. signers.Select(i => Sign(height, hash, i))],
    };

    // personal_sign of the round's challenge by dev account <account>.
    private static string Sign(long height, string hash, int account)
    {
        var digest = EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(ChallengeMessage.For(Custodian, Round, AnvilRegistry.Chain, height, hash)));
        var (sig, recid) = Secp256k1.SignRecoverable(digest, Convert.FromHexString(s_keys[account]));
        return "0x" + Convert.ToHexStringLower([.. sig, (byte)(27 + recid)]);
    }

    private static string Address(int account) =>
        EvmAddress.ToChecksum(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(Convert.FromHexString(s_keys[account]), compressed: false)));

    private static string Call(string signature, params string[] words) =>
        "0x" + Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4)) + string.Concat(words);

    private static string Word(string address) => new string('0', 24) + address[2..].ToLowerInvariant();

    private static string Word(long value) => value.ToString("x64", CultureInfo.InvariantCulture);

    private EvmNode Node() => new(new HttpNodeTransport(s_http, anvil.Url, s_policy), AnvilChainId);
}
