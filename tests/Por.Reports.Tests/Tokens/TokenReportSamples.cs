// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reports.Tokens;
using Por.Tokens.Model;

namespace Por.Reports.Tests.Tokens;

/// <summary>A WBTC-like token (8 decimals) on a canonical chain with a lock-and-mint representation, and its report inputs.</summary>
internal static class TokenReportSamples
{
    public static readonly DateTimeOffset At = new(2026, 11, 30, 23, 50, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Point = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Contract = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";

    // 1,000.12345678 minted on the canonical chain, 0.5 of it in the treasury and 0.1 frozen as test tokens; 200 of
    // it sit in the escrow that backs the representation's 200.
    public static readonly BigInteger Minted = BigInteger.Parse("100012345678", System.Globalization.CultureInfo.InvariantCulture);

    public static readonly BigInteger Treasury = 50_000_000;

    public static readonly BigInteger Test = 10_000_000;

    public static BigInteger Circulating => Minted - Treasury - Test;

    public static SupplyReading Canonical(EvidenceFailure failure = EvidenceFailure.None) =>
        new("ethereum", Contract, DeploymentRole.Canonical, 21_000_000, "0x" + new string('a', 64), At.AddMinutes(-3), Minted, Treasury + Test, Minted - Treasury - Test, failure,
            // As the evaluator writes it: a long unbroken hash that a phone-width card must wrap.
            $"totalSupply {Minted} at ethereum block 21000000 0x{new string('a', 64)}");

    public static SupplyReading Representation() =>
        new("l2", "0x00000000000000000000000000000000000000b2", DeploymentRole.LockAndMint, 5_000_000, "0x" + new string('b', 64), At.AddMinutes(-1), 20_000_000_000, 0, 0, EvidenceFailure.None, "200 in escrow");

    public static Por.Tokens.Model.ReserveEvidence Btc(BigInteger amount, EvidenceFailure failure = EvidenceFailure.None) =>
        new("btc-custody", EvidenceClass.OnChainDeclared, amount, At.AddMinutes(-12), "bitcoin 870000 0x" + new string('c', 64), failure, "3 custody addresses, 6 confirmations");

    public static Por.Tokens.Model.ReserveEvidence Statement(BigInteger amount) =>
        new("custodian-statement", EvidenceClass.SignedStatement, amount, Point.AddHours(-24), "sha256 " + new string('d', 64), EvidenceFailure.None, "signed by Custody Bank");

    /// <summary>An evaluation whose status follows from its figures.</summary>
    public static TokenEvaluation Evaluation(BigInteger btc, BigInteger statement, EvidenceFailure btcFailure = EvidenceFailure.None, int margin = 0, DateTimeOffset? at = null)
    {
        List<SupplyReading> supply = [Canonical(), Representation()];
        List<Por.Tokens.Model.ReserveEvidence> reserves = [Btc(btc, btcFailure), Statement(statement)];
        var total = btc + statement;
        return new TokenEvaluation("wbtc-like", 8, at ?? At, supply, reserves, Circulating, total, margin,
            TokenEvaluation.StatusOf(supply, reserves, Circulating, total, margin));
    }

    public static MonthlyInput Monthly(BigInteger btc, BigInteger statement, BigInteger? pledged = null) => new(
        "2026-11",
        Point,
        [
            new("ethereum", "0x000000000000000000000000000000000000beef", NonRedeemableKind.Temporarily, "issuer treasury", Treasury),
            new("ethereum", "0x000000000000000000000000000000000000dead", NonRedeemableKind.Permanently, "test tokens", Test),
        ],
        [
            new("btc-custody", "BTC on chain", "Custody Co", "on-chain", "custody addresses", false, false, btc, At.AddMinutes(-12)),
            new("custodian-statement", "cash", "Custody Bank", "US", "segregated", false, false, statement, Point.AddHours(-24)),
            .. pledged is { } p ? [new RedemptionAsset("custodian-statement", "treasury_bill", "Custody Bank", "US", "omnibus", true, false, p, Point.AddHours(-24))] : Array.Empty<RedemptionAsset>(),
        ]);

    public static TokenReportInput Input(TokenEvaluation evaluation, MonthlyInput? monthly = null, IReadOnlyList<TokenHistoryPoint>? history = null) =>
        new("WBTCL", "Wrapped BTC-like", evaluation, history ?? [], [new(At.AddHours(-5), "ratio_below_margin", "reserves fell to 99.5% of supply")], monthly);
}
