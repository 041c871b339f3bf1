// SPDX-License-Identifier: Apache-2.0

using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>
/// A custodian's round on the anvil chain: honestly signed declaration rows of the dev accounts (EOA, ERC-20, Safe,
/// EIP-1271) over the round's challenge, and verification through <see cref="ReserveVerifier"/> with a node pointed at
/// anvil. Tests vary only what the registry or the chain says.
/// </summary>
internal sealed class AnvilReserveRound(AnvilNode anvil, string custodian, string round)
{
    public string Round => round;

    /// <summary>personal_sign of this round's challenge at the block by dev account <paramref name="account"/>.</summary>
    public string Sign(long height, string hash, int account) =>
        SignPersonal(ChallengeMessage.For(custodian, round, AnvilRegistry.Chain, height, hash), account);

    /// <summary>An ETH row of a dev account, EIP-191 signed.</summary>
    public ReserveRow Native(int account, UInt128 amount, long height, string hash) => Row(Address(account), amount, height, hash) with
    {
        Scheme = SignatureScheme.Eip191Text,
        Signatures = [Sign(height, hash, account)],
    };

    /// <summary>A token row of a dev account, EIP-191 signed.</summary>
    public ReserveRow Token(int account, string asset, string token, UInt128 amount, int decimals, long height, string hash) =>
        Native(account, amount, height, hash) with { Asset = asset, Token = token, Decimals = decimals };

    /// <summary>A Safe-style wallet row signed by the given owner accounts.</summary>
    public ReserveRow Safe(string safe, UInt128 amount, long height, string hash, params int[] signers) => Row(safe, amount, height, hash) with
    {
        Scheme = SignatureScheme.SafeOwners,
        Owners = [.. signers.Select(Address)],
        Signatures = [.. signers.Select(i => Sign(height, hash, i))],
    };

    /// <summary>An EIP-1271 wallet row with the given signature.</summary>
    public static ReserveRow Eip1271(string wallet, UInt128 amount, long height, string hash, string signature) => Row(wallet, amount, height, hash) with
    {
        Scheme = SignatureScheme.Eip1271,
        Signatures = [signature],
    };

    /// <summary>Verifies the rows (numbered from line 1) against the registry, reading anvil as the registry's chain.</summary>
    public async Task<ReserveVerificationResult> VerifyAsync(ReserveRegistry registry, params ReserveRow[] rows)
    {
        var chainId = long.Parse(registry.Chains[AnvilRegistry.Chain].Identity.Value, System.Globalization.CultureInfo.InvariantCulture);
        var nodes = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal) { [AnvilRegistry.Chain] = anvil.CreateEvmNode(chainId) };
        var declaration = new ReserveDeclaration("por-reserves/1", custodian, round, [.. rows.Select((r, i) => r with { Line = i + 1 })], "anvil.json");
        return await new ReserveVerifier(registry, nodes, new ReserveVerifierOptions()).VerifyAsync(declaration, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Verifies one row against a test registry at its own snapshot (with its token, if any).</summary>
    public async Task<RowOutcome> VerifyAsync(ReserveRow row)
    {
        var registry = AnvilRegistry.Parse(round, row.SnapshotHeight, row.SnapshotBlockHash!, row.Token is null ? null : [(row.Asset, row.Token, row.Decimals)]);
        return (await VerifyAsync(registry, row).ConfigureAwait(false)).Rows.Single();
    }

    private static ReserveRow Row(string address, UInt128 amount, long height, string hash) => new()
    {
        Line = 1,
        Asset = "ETH",
        Chain = AnvilRegistry.Chain,
        Address = address,
        Amount = amount,
        Decimals = 18,
        SnapshotHeight = height,
        SnapshotBlockHash = hash,
        Scheme = SignatureScheme.Eip191Text,
        Signatures = [],
    };
}
