// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;
using Por.Tokens.Registry;

namespace Por.Reports.Tokens;

/// <summary>
/// Builds a token report's inputs from the monitor's history (docs/token-por.md, "Reports"): the reported evaluation is
/// the latest stored one in the period, the ratio history is every stored evaluation in the period, the alerts are every
/// stored alert raised in the period; a monthly report is stated at the month's reporting time (the first second of the
/// next month) from the latest evaluation of the month, with the non-redeemable breakdown and the redemption asset lines
/// derived from the supply registry.
/// </summary>
public static class TokenReportHistory
{
    /// <summary>The inputs of a report over a period of the history.</summary>
    /// <param name="symbol">The symbol shown.</param>
    /// <param name="name">The name shown.</param>
    /// <param name="evaluations">The token's stored evaluations (any order).</param>
    /// <param name="alerts">The token's stored alerts (any order).</param>
    /// <param name="from">The period's start (included), or null for the beginning of the history.</param>
    /// <param name="to">The period's end (included), or null for the end of the history.</param>
    /// <returns>The inputs (no monthly part).</returns>
    /// <exception cref="InvalidDataException">No evaluation is stored in the period.</exception>
    public static TokenReportInput Period(
        string symbol, string name, IReadOnlyList<StoredEvaluation> evaluations, IReadOnlyList<Por.Tokens.Monitoring.TokenAlert> alerts, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        ArgumentNullException.ThrowIfNull(alerts);
        if (from is { } f && to is { } t && f > t)
        {
            throw new ArgumentException($"the period starts ({UtcTime.Format(f)}) after it ends ({UtcTime.Format(t)})", nameof(from));
        }

        bool In(DateTimeOffset at) => (from is null || at >= from) && (to is null || at <= to);
        var chosen = evaluations.Where(e => In(e.Evaluation.EvaluatedAt)).Select(e => e.Evaluation).OrderBy(e => e.EvaluatedAt).ToList();
        if (chosen.Count == 0)
        {
            throw new InvalidDataException($"no evaluation is stored {Describe(from, to)}");
        }

        var latest = chosen[^1];
        var points = chosen.Select(TokenHistoryPoint.Of).ToList();
        var listed = alerts.Where(a => In(a.At))
            .Select(a => new TokenAlert(a.At, AlertRules.Code(a.Kind), a.Message))
            .ToList();
        return new TokenReportInput(symbol, name, latest, points, listed, null);
    }

    /// <summary>
    /// The inputs of the monthly report of <paramref name="period"/> (<c>yyyy-MM</c>): the period is the month, the
    /// measurement point its reporting time (the first second of the next month, UTC), the reported evaluation the
    /// latest stored before it in the month.
    /// </summary>
    /// <param name="symbol">The symbol shown.</param>
    /// <param name="name">The name shown.</param>
    /// <param name="token">The token's registry definition (exclusions and reserve sources).</param>
    /// <param name="evaluations">The token's stored evaluations.</param>
    /// <param name="alerts">The token's stored alerts.</param>
    /// <param name="period">The month, <c>yyyy-MM</c>.</param>
    /// <returns>The inputs with the monthly part.</returns>
    /// <exception cref="InvalidDataException">No evaluation is stored in the month, or the excluded supply cannot be classified.</exception>
    public static TokenReportInput Month(
        string symbol, string name, TokenDefinition token, IReadOnlyList<StoredEvaluation> evaluations, IReadOnlyList<Por.Tokens.Monitoring.TokenAlert> alerts, string period)
    {
        ArgumentNullException.ThrowIfNull(token);
        var (start, point) = MonthBounds(period);
        var input = Period(symbol, name, evaluations, alerts, start, point.AddSeconds(-1));
        return input with { Monthly = Monthly(token, input.Evaluation, period, point) };
    }

    /// <summary>The first second of a month and of the next one (its reporting time).</summary>
    /// <param name="period">The month, <c>yyyy-MM</c>.</param>
    /// <returns>Start and reporting time, UTC.</returns>
    /// <exception cref="ArgumentException">Not <c>yyyy-MM</c>.</exception>
    public static (DateTimeOffset Start, DateTimeOffset ReportingTime) MonthBounds(string period)
    {
        if (period is not { Length: 7 } || !DateTime.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            throw new ArgumentException($"'{period}' is not a month yyyy-MM", nameof(period));
        }

        var start = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    /// <summary>
    /// The monthly part for an evaluation: per deployment that counts, its excluded supply classified by the registry's
    /// exclusion kinds (treasury, pre-mint and time-locked balances are temporarily not redeemable; frozen and test
    /// balances permanently); one redemption asset line per reserve source with the source's evidence.
    /// </summary>
    /// <param name="token">The registry definition.</param>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="period">The month.</param>
    /// <param name="point">The measurement point.</param>
    /// <returns>The monthly input.</returns>
    /// <exception cref="InvalidDataException">A deployment's excluded supply is held under both classes (the history keeps one sum per deployment), or by no registry exclusion.</exception>
    public static MonthlyInput Monthly(TokenDefinition token, TokenEvaluation evaluation, string period, DateTimeOffset point)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(evaluation);
        var holdings = new List<NonRedeemableHolding>();
        foreach (var s in evaluation.Supply.Where(s => s.Role != DeploymentRole.LockAndMint && TokenEvaluationJson.TotalsRead(s)))
        {
            var deployment = token.Deployments.FirstOrDefault(d => string.Equals(d.Chain, s.Chain, StringComparison.Ordinal) && string.Equals(d.Contract, s.Contract, StringComparison.OrdinalIgnoreCase));
            var exclusions = deployment is null ? [] : token.Exclusions.Where(x => string.Equals(x.Deployment, deployment.Id, StringComparison.Ordinal)).ToList();
            if (s.Excluded.IsZero)
            {
                continue;
            }

            var kinds = exclusions.Select(x => KindOf(x.Kind)).Distinct().ToList();
            if (kinds.Count != 1)
            {
                throw new InvalidDataException(kinds.Count == 0
                    ? $"token {token.Id}: {s.Chain}/{s.Contract} excluded {s.Excluded} base units, but the registry has no exclusion on it"
                    : $"token {token.Id}: {s.Chain}/{s.Contract} holds excluded supply under both temporarily and permanently non-redeemable exclusions; the history keeps one excluded sum per deployment, so it cannot be split");
            }

            holdings.Add(new NonRedeemableHolding(s.Chain, string.Join(", ", exclusions.Select(x => x.Address)), kinds[0],
                string.Join("; ", exclusions.Select(x => $"{Code(x.Kind)}: {x.Reason}")), s.Excluded));
        }

        var assets = evaluation.Reserves.Select(r =>
        {
            var source = token.Reserves.FirstOrDefault(x => string.Equals(x.Id, r.SourceId, StringComparison.Ordinal));
            var kind = source?.Kind ?? "unknown";
            var (type, custodian, jurisdiction, account) = kind switch
            {
                "btc_custody" => ("BTC on chain", r.SourceId, "on-chain", "custody addresses"),
                "evm_custody" => ("on-chain custody " + Text(source, "asset"), r.SourceId, "on-chain", "custody addresses"),
                "reserve_feed" => ("reserve feed " + Text(source, "address"), r.SourceId, "on-chain", "proof-of-reserve feed"),
                "signed_statement" => ("statement total available (" + Text(source, "currency") + ")", Text(source, "issuer"), "per statement", "signed statement"),
                _ => (kind, r.SourceId, "unknown", "unknown"),
            };
            return new RedemptionAsset(r.SourceId, type, custodian, jurisdiction, account, false, false,
                r.Failure == EvidenceFailure.None ? r.Amount : BigInteger.Zero, r.ObservedAt ?? evaluation.EvaluatedAt);
        }).ToList();
        return new MonthlyInput(period, point, holdings, assets);
    }

    private static NonRedeemableKind KindOf(ExclusionKind kind) =>
        kind is ExclusionKind.Frozen or ExclusionKind.Test ? NonRedeemableKind.Permanently : NonRedeemableKind.Temporarily;

    private static string Code(ExclusionKind kind) => AlertRules.Code(kind);

    private static string Text(ReserveSource? source, string property) =>
        source is not null && source.Element.TryGetProperty(property, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : "?";

    private static string Describe(DateTimeOffset? from, DateTimeOffset? to) => (from, to) switch
    {
        (null, null) => "in the history",
        ({ } f, null) => $"from {UtcTime.Format(f)}",
        (null, { } t) => $"up to {UtcTime.Format(t)}",
        ({ } f, { } t) => $"from {UtcTime.Format(f)} to {UtcTime.Format(t)}",
    };
}
