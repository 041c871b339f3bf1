// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>
/// A token's report (docs/token-por.md, "Reports"): the evaluation with its ratio, the ratio history, the reserve
/// composition by evidence class, every alert and, for a monthly report, the AICPA-shaped comparison. Amounts stay exact
/// integers in the token's canonical base units; <see cref="TokenReportJson"/> and <see cref="TokenReportHtml"/> print it.
/// </summary>
public sealed class TokenReport
{
    private TokenReport(TokenReportInput input, IReadOnlyList<TokenHistoryPoint> history, MonthlyReport? monthly)
    {
        Symbol = input.Symbol;
        Name = input.Name;
        Evaluation = input.Evaluation;
        History = history;
        Alerts = [.. input.Alerts.OrderBy(a => a.At).ThenBy(a => a.Kind, StringComparer.Ordinal)];
        Monthly = monthly;
    }

    /// <summary>The token's symbol.</summary>
    public string Symbol { get; }

    /// <summary>The token's name.</summary>
    public string Name { get; }

    /// <summary>The evaluation reported.</summary>
    public TokenEvaluation Evaluation { get; }

    /// <summary>The token's canonical decimals.</summary>
    public int Decimals => Evaluation.Decimals;

    /// <summary>The ratio history, oldest first, ending with the reported evaluation.</summary>
    public IReadOnlyList<TokenHistoryPoint> History { get; }

    /// <summary>Every alert, oldest first.</summary>
    public IReadOnlyList<TokenAlert> Alerts { get; }

    /// <summary>The monthly part, or null.</summary>
    public MonthlyReport? Monthly { get; }

    /// <summary>Reserves / circulating supply, or null when evidence failed or the supply is zero.</summary>
    public ExactNumber? Ratio => RatioOf(Evaluation.Status, Evaluation.CirculatingSupply, Evaluation.TotalReserves);

    /// <summary>Usable reserves by evidence class (classes in the enum's order, only those present), with the number of sources.</summary>
    public IReadOnlyList<(EvidenceClass Class, BigInteger Amount, int Sources)> Composition =>
    [
        .. Enum.GetValues<EvidenceClass>()
            .Select(c => (c, Evaluation.Reserves.Where(r => r.Class == c && r.Failure == EvidenceFailure.None).ToList()))
            .Where(x => x.Item2.Count > 0)
            .Select(x => (x.c, x.Item2.Aggregate(BigInteger.Zero, (s, r) => s + r.Amount), x.Item2.Count)),
    ];

    /// <summary>The ratio of a history point or evaluation: null when its evidence failed or its supply is zero.</summary>
    /// <param name="status">The status.</param>
    /// <param name="supply">Circulating supply.</param>
    /// <param name="reserves">Total reserves.</param>
    /// <returns>The ratio, or null.</returns>
    public static ExactNumber? RatioOf(TokenStatus status, BigInteger supply, BigInteger reserves) =>
        status == TokenStatus.EvidenceFailed || supply.IsZero ? null : ExactNumber.Create(reserves, supply);

    /// <summary>
    /// Builds the report. Checks that the evaluation is consistent (its status and totals follow from its readings) and,
    /// for a monthly report with usable evidence, that the non-redeemable breakdown reconciles with each chain's excluded
    /// supply and with the circulating supply, and that the available redemption asset lines (neither pledged nor
    /// restricted) sum to the total reserves.
    /// </summary>
    /// <param name="input">The inputs.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The evaluation, the breakdown or the asset lines do not reconcile.</exception>
    public static TokenReport Build(TokenReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var e = input.Evaluation ?? throw new ArgumentException("the report needs an evaluation", nameof(input));
        if (e.Decimals is < 0 or > 77)
        {
            throw new ArgumentException($"decimals {e.Decimals} out of range", nameof(input));
        }

        CheckEvaluation(e);
        var history = input.History.Where(p => p.At < e.EvaluatedAt).OrderBy(p => p.At).ToList();
        if (history.Select(p => p.At).Distinct().Count() != history.Count)
        {
            throw new InvalidDataException($"token {e.TokenId}: the history has two evaluations at the same time");
        }

        history.Add(TokenHistoryPoint.Of(e));
        return new TokenReport(input, history, input.Monthly is { } m ? BuildMonthly(e, m) : null);
    }

    private static void CheckEvaluation(TokenEvaluation e)
    {
        var usable = e.Supply.All(s => s.Failure == EvidenceFailure.None) && e.Reserves.All(r => r.Failure == EvidenceFailure.None);
        if (TokenEvaluation.StatusOf(e.Supply, e.Reserves, e.CirculatingSupply, e.TotalReserves, e.MarginBasisPoints) != e.Status)
        {
            throw new InvalidDataException($"token {e.TokenId}: status {TokenCodes.Of(e.Status)} does not follow from the evaluation's evidence and totals");
        }

        if (!usable)
        {
            return;
        }

        var counted = e.Supply.Aggregate(BigInteger.Zero, (s, r) => s + r.Counted);
        if (counted != e.CirculatingSupply)
        {
            throw new InvalidDataException($"token {e.TokenId}: circulating supply {e.CirculatingSupply} is not the sum of the counted supply {counted}");
        }

        var reserves = e.Reserves.Aggregate(BigInteger.Zero, (s, r) => s + r.Amount);
        if (reserves != e.TotalReserves)
        {
            throw new InvalidDataException($"token {e.TokenId}: total reserves {e.TotalReserves} are not the sum of the sources {reserves}");
        }
    }

    private static MonthlyReport BuildMonthly(TokenEvaluation e, MonthlyInput m)
    {
        if (!DateTime.TryParseExact(m.Period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new InvalidDataException($"token {e.TokenId}: period '{m.Period}' is not yyyy-MM");
        }

        if (m.NonRedeemable.Any(n => n.Amount.Sign < 0) || m.Assets.Any(a => a.Amount.Sign < 0))
        {
            throw new InvalidDataException($"token {e.TokenId}: a non-redeemable balance or a redemption asset is negative");
        }

        var sources = e.Reserves.Select(r => r.SourceId).ToHashSet(StringComparer.Ordinal);
        if (m.Assets.FirstOrDefault(a => !sources.Contains(a.SourceId)) is { } stray)
        {
            throw new InvalidDataException($"token {e.TokenId}: redemption asset '{stray.AssetType}' names source '{stray.SourceId}', which the evaluation does not have");
        }

        var comparable = e.Status != TokenStatus.EvidenceFailed;
        var minted = e.Supply.Where(s => s.Role != DeploymentRole.LockAndMint).Aggregate(BigInteger.Zero, (s, r) => s + r.TotalSupply);
        var temporarily = Sum(m.NonRedeemable.Where(n => n.Kind == NonRedeemableKind.Temporarily).Select(n => n.Amount));
        var permanently = Sum(m.NonRedeemable.Where(n => n.Kind == NonRedeemableKind.Permanently).Select(n => n.Amount));
        var outstanding = minted - temporarily - permanently;
        var assetsTotal = Sum(m.Assets.Select(a => a.Amount));
        if (comparable)
        {
            // Every chain's classified exclusions are exactly what its readings excluded, and the result is the circulating supply.
            foreach (var chain in e.Supply.Select(s => s.Chain).Concat(m.NonRedeemable.Select(n => n.Chain)).Distinct(StringComparer.Ordinal))
            {
                var excluded = Sum(e.Supply.Where(s => string.Equals(s.Chain, chain, StringComparison.Ordinal) && s.Role != DeploymentRole.LockAndMint).Select(s => s.Excluded));
                var classified = Sum(m.NonRedeemable.Where(n => string.Equals(n.Chain, chain, StringComparison.Ordinal)).Select(n => n.Amount));
                if (excluded != classified)
                {
                    throw new InvalidDataException($"token {e.TokenId}: the non-redeemable balances on {chain} sum to {classified} base units, the supply readings excluded {excluded}");
                }
            }

            if (outstanding != e.CirculatingSupply)
            {
                throw new InvalidDataException($"token {e.TokenId}: minted {minted} − non-redeemable {temporarily + permanently} = {outstanding} base units, not the circulating supply {e.CirculatingSupply}");
            }

            // The evidence counts available assets only (a statement's pledged or restricted lines are listed, not counted).
            var available = Sum(m.Assets.Where(a => a.Available).Select(a => a.Amount));
            if (available != e.TotalReserves)
            {
                throw new InvalidDataException($"token {e.TokenId}: the available redemption asset lines sum to {available} base units, not the total reserves {e.TotalReserves}");
            }
        }

        long? Before(DateTimeOffset? at) => at is { } t ? checked(m.MeasurementPoint.ToUnixTimeSeconds() - t.ToUnixTimeSeconds()) : null;
        var timing = e.Supply.Select(s => TokenEvaluationJson.IsPinned(s)
                ? new TimingDifference($"supply {s.Chain}/{s.Contract} block {s.Height}", s.BlockTime, Before(s.BlockTime))
                : new TimingDifference($"supply {s.Chain}/{s.Contract} (no block)", null, null))
            .Concat(e.Reserves.Select(r => new TimingDifference($"reserve {r.SourceId}", r.ObservedAt, Before(r.ObservedAt))))
            .Concat(m.Assets.Select(a => new TimingDifference($"asset {a.SourceId}: {a.AssetType} at {a.Custodian}", a.AsOf, Before(a.AsOf))))
            .ToList();
        return new MonthlyReport(m.Period, m.MeasurementPoint, e.Supply, minted, m.NonRedeemable, temporarily, permanently, outstanding,
            m.Assets, assetsTotal, Sum(m.Assets.Where(a => a.Available).Select(a => a.Amount)), comparable, timing);
    }

    private static BigInteger Sum(IEnumerable<BigInteger> values) => values.Aggregate(BigInteger.Zero, (s, v) => s + v);
}
