// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// <c>/metrics</c> in the Prometheus text exposition format 0.0.4 (docs/token-por.md, "Monitor" lists the names).
/// Amounts are exact integers in base units; the ratio is reserves / supply written with 9 decimals, rounded down,
/// computed in integers (the exact fraction is in the history).
/// </summary>
public static class MetricsText
{
    /// <summary>The content type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders the metrics.</summary>
    /// <param name="state">The shared state.</param>
    /// <param name="now">The current time (evidence ages).</param>
    /// <returns>The text.</returns>
    public static string Render(MonitorState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var b = new StringBuilder();
        var latest = state.Latest.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

        Header(b, "por_token_ratio", "gauge", "Reserves / circulating supply of the latest evaluation (absent when no ratio may be reported)");
        foreach (var (token, s) in latest)
        {
            if (s.Evaluation.HasRatio && s.Evaluation.CirculatingSupply.Sign > 0)
            {
                Line(b, "por_token_ratio", [("token", token)], Ratio(s.Evaluation.TotalReserves, s.Evaluation.CirculatingSupply));
            }
        }

        Header(b, "por_token_status", "gauge", "1 for the latest evaluation's status, 0 for the others");
        foreach (var (token, s) in latest)
        {
            foreach (var status in Enum.GetValues<TokenStatus>())
            {
                Line(b, "por_token_status", [("token", token), ("status", AlertRules.Code(status))], s.Evaluation.Status == status ? "1" : "0");
            }
        }

        Header(b, "por_token_circulating_supply", "gauge", "Circulating supply in canonical base units");
        Each(b, latest, "por_token_circulating_supply", e => e.CirculatingSupply);
        Header(b, "por_token_reserves_total", "gauge", "Total usable reserves in canonical base units");
        Each(b, latest, "por_token_reserves_total", e => e.TotalReserves);

        Header(b, "por_token_supply", "gauge", "Total supply of one deployment in canonical base units");
        foreach (var (token, s) in latest)
        {
            foreach (var r in s.Evaluation.Supply)
            {
                Line(b, "por_token_supply", [("token", token), ("chain", r.Chain), ("contract", r.Contract), ("failure", AlertRules.Code(r.Failure))], Text(r.TotalSupply));
            }
        }

        Header(b, "por_token_reserves", "gauge", "Reserves of one source in canonical base units");
        foreach (var (token, s) in latest)
        {
            foreach (var r in s.Evaluation.Reserves)
            {
                Line(b, "por_token_reserves", [("token", token), ("source", r.SourceId), ("class", AlertRules.Code(r.Class)), ("failure", AlertRules.Code(r.Failure))], Text(r.Amount));
            }
        }

        Header(b, "por_token_evidence_age_seconds", "gauge", "Age of each source's evidence clock (absent for unclocked evidence)");
        foreach (var (token, s) in latest)
        {
            foreach (var r in s.Evaluation.Reserves.Where(r => r.ObservedAt is not null))
            {
                Line(b, "por_token_evidence_age_seconds", [("token", token), ("source", "reserve " + r.SourceId)], Seconds(now - r.ObservedAt!.Value));
            }

            foreach (var r in s.Evaluation.Supply)
            {
                Line(b, "por_token_evidence_age_seconds", [("token", token), ("source", $"supply {r.Chain}/{r.Contract}")], Seconds(now - r.BlockTime));
            }
        }

        Header(b, "por_token_last_evaluation_timestamp_seconds", "gauge", "Unix time of the latest stored evaluation");
        foreach (var (token, s) in latest)
        {
            Line(b, "por_token_last_evaluation_timestamp_seconds", [("token", token)], s.Evaluation.EvaluatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        Header(b, "por_token_evaluations_total", "counter", "Evaluations stored by this process, by status");
        foreach (var ((token, status), n) in state.Evaluations.OrderBy(p => p.Key))
        {
            Line(b, "por_token_evaluations_total", [("token", token), ("status", status)], n.ToString(CultureInfo.InvariantCulture));
        }

        Header(b, "por_token_alerts_total", "counter", "Alerts stored by this process, by kind");
        foreach (var ((token, kind), n) in state.Alerts.OrderBy(p => p.Key))
        {
            Line(b, "por_token_alerts_total", [("token", token), ("kind", kind)], n.ToString(CultureInfo.InvariantCulture));
        }

        Header(b, "por_token_node_faults_total", "counter", "Node faults (after retries) seen by this process, by source");
        foreach (var ((token, source), n) in state.NodeFaults.OrderBy(p => p.Key))
        {
            Line(b, "por_token_node_faults_total", [("token", token), ("source", source)], n.ToString(CultureInfo.InvariantCulture));
        }

        Header(b, "por_token_webhook_deliveries_total", "counter", "Webhook delivery attempts, by result");
        Line(b, "por_token_webhook_deliveries_total", [("result", "delivered")], state.WebhookDeliveries.ToString(CultureInfo.InvariantCulture));
        Line(b, "por_token_webhook_deliveries_total", [("result", "failed")], state.WebhookFailures.ToString(CultureInfo.InvariantCulture));
        return b.ToString();
    }

    /// <summary>num / den with 9 decimals, rounded down, in integers.</summary>
    /// <param name="numerator">≥ 0.</param>
    /// <param name="denominator">&gt; 0.</param>
    /// <returns>The decimal text.</returns>
    public static string Ratio(BigInteger numerator, BigInteger denominator)
    {
        var scaled = numerator * 1_000_000_000 / denominator;
        var whole = BigInteger.DivRem(scaled, 1_000_000_000, out var fraction);
        return string.Create(CultureInfo.InvariantCulture, $"{whole}.{fraction:D9}");
    }

    private static void Each(StringBuilder b, List<KeyValuePair<string, StoredEvaluation>> latest, string name, Func<TokenEvaluation, BigInteger> value)
    {
        foreach (var (token, s) in latest)
        {
            Line(b, name, [("token", token)], Text(value(s.Evaluation)));
        }
    }

    private static string Text(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan age) => ((long)Math.Floor(age.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static void Header(StringBuilder b, string name, string type, string help) =>
        b.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Line(StringBuilder b, string name, (string Name, string Value)[] labels, string value)
    {
        b.Append(name).Append('{');
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            b.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
        }

        b.Append("} ").Append(value).Append('\n');
    }

    private static string Escape(string v) => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
