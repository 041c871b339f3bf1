// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Reserves;
using Por.Reserves.Evm;
using Por.Reserves.Ownership;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>
/// Contract wallets against a real anvil node: an EIP-1271 wallet that accepts any signature is rejected as
/// <c>contract_accepts_any_signature</c> while an honest one still verifies, and Safe owners are read at the snapshot
/// block (an owner replaced after the snapshot still counts for that snapshot, and no longer at a later one).
/// </summary>
public sealed class ContractWalletProbeAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private const string Custodian = "Probe Custody";
    private const string Round = "2026-12";
    private static readonly UInt128 s_ether = 1_000_000_000_000_000_000;
    private readonly AnvilReserveRound _round = new(anvil, Custodian, Round);

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
        Assert.True(await anvil.CreateEvmNode().IsValidSignatureAsync(cheat, challengeHash, [0x00], height, hash, CancellationToken.None));

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
        Assert.Equal("contract_accepts_any_signature", rows[0].GetProperty("ownership_failure").GetString());
        Assert.Equal("ownership_failed", rows[0].GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("ownership_failure").ValueKind);
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

    private Task<ReserveVerificationResult> VerifyAsync(long height, string hash, params ReserveRow[] rows) => _round.VerifyAsync(AnvilRegistry.Parse(Round, height, hash), rows);

    private static ReserveRow Eip1271Row(string wallet, long height, string hash, string signature) => AnvilReserveRound.Eip1271(wallet, s_ether, height, hash, signature);

    private ReserveRow SafeRow(string safe, long height, string hash, params int[] signers) => _round.Safe(safe, 5 * s_ether, height, hash, signers);

    private string Sign(long height, string hash, int account) => _round.Sign(height, hash, account);
}
