// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Common;

namespace Por.Reports.Tokens;

/// <summary>
/// The versioned JSON of a token report ("por-token-report/1", docs/token-por.md "Reports"). Deterministic: the same
/// report gives the same bytes, so an auditor's signature over it can be re-checked. Amounts are decimal strings in
/// whole tokens with exactly the token's decimals; ratios are percentages truncated to hundredths, with the exact
/// fraction beside them.
/// </summary>
public static class TokenReportJson
{
    /// <summary>The format identifier.</summary>
    public const string FormatVersion = "por-token-report/1";

    /// <summary>Serialises a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Indented UTF-8 JSON with a trailing newline.</returns>
    public static byte[] Serialize(TokenReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var e = report.Evaluation;
        string A(BigInteger baseUnits) => Amount(baseUnits, e.Decimals);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatVersion);
            w.WriteStartObject("token");
            w.WriteString("id", e.TokenId);
            w.WriteString("symbol", report.Symbol);
            w.WriteString("name", report.Name);
            w.WriteNumber("decimals", e.Decimals);
            w.WriteEndObject();
            w.WriteString("measured_at", UtcTime.Format(e.EvaluatedAt));
            w.WriteString("status", TokenCodes.Of(e.Status));
            TokenEvaluationJson.WriteFailedEvidence(w, e);
            var usable = e.HasRatio;
            WriteNullable(w, "circulating_supply", usable ? A(e.CirculatingSupply) : null);
            WriteNullable(w, "total_reserves", usable ? A(e.TotalReserves) : null);
            w.WriteNumber("margin_basis_points", e.MarginBasisPoints);
            WriteRatio(w, "ratio", report.Ratio);

            TokenEvaluationJson.WriteSupply(w, e.Supply, A);
            TokenEvaluationJson.WriteReserves(w, e.Reserves, A);
            w.WriteStartArray("composition");
            var composition = report.Composition;
            var usableTotal = composition.Aggregate(BigInteger.Zero, (s, c) => s + c.Amount);
            foreach (var (cls, amount, sources) in composition)
            {
                w.WriteStartObject();
                w.WriteString("class", TokenCodes.Of(cls));
                w.WriteString("amount", A(amount));
                WriteNullable(w, "share_percent", usableTotal.IsZero ? null : ReportFormat.Percent(ExactNumber.Create(amount, usableTotal)));
                w.WriteNumber("sources", sources);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("history");
            foreach (var p in report.History)
            {
                var has = p.Status != Por.Tokens.Model.TokenStatus.EvidenceFailed;
                w.WriteStartObject();
                w.WriteString("at", UtcTime.Format(p.At));
                w.WriteString("status", TokenCodes.Of(p.Status));
                WriteNullable(w, "circulating_supply", has ? A(p.CirculatingSupply) : null);
                WriteNullable(w, "total_reserves", has ? A(p.TotalReserves) : null);
                WriteNullable(w, "ratio_percent", ReportFormat.Percent(TokenReport.RatioOf(p.Status, p.CirculatingSupply, p.TotalReserves)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("alerts");
            foreach (var a in report.Alerts)
            {
                w.WriteStartObject();
                w.WriteString("at", UtcTime.Format(a.At));
                w.WriteString("kind", a.Kind);
                w.WriteString("message", a.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (report.Monthly is { } m)
            {
                WriteMonthly(w, m, A);
            }
            else
            {
                w.WriteNull("monthly");
            }

            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Base units as whole tokens with exactly <paramref name="decimals"/> fraction digits (no separators).</summary>
    /// <param name="baseUnits">The amount in base units (may be negative).</param>
    /// <param name="decimals">The token's decimals.</param>
    /// <returns>The exact decimal text.</returns>
    public static string Amount(BigInteger baseUnits, int decimals) => ExactNumber.Create(baseUnits, BigInteger.Pow(10, decimals)).Format(decimals);

    /// <summary>Reads the token id and measurement time of a por-token-report/1, strictly enough to bind an attestation to them.</summary>
    /// <param name="json">The report bytes.</param>
    /// <param name="source">The file name for errors.</param>
    /// <returns>The token id and the measurement time.</returns>
    /// <exception cref="InputException">Not a por-token-report/1, or malformed.</exception>
    public static (string TokenId, DateTimeOffset MeasuredAt) ReadSubject(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, 1, "", "expected a JSON object");
        }

        if (!string.Equals(StrictJson.String(root, "format", source, ""), FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"expected '{FormatVersion}'");
        }

        if (!root.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(source, 0, "token", "missing or not an object");
        }

        var id = StrictJson.String(token, "id", source, "token");
        if (id.Length == 0 || id.Any(char.IsControl))
        {
            throw new InputException(source, 0, "token.id", "must be a non-empty single line");
        }

        return (id, StrictJson.Time(root, "measured_at", source, ""));
    }

    private static void WriteMonthly(Utf8JsonWriter w, MonthlyReport m, Func<BigInteger, string> a)
    {
        w.WriteStartObject("monthly");
        w.WriteString("period", m.Period);
        w.WriteString("measurement_point", UtcTime.Format(m.MeasurementPoint));
        w.WriteStartObject("redeemable_tokens");
        w.WriteStartArray("minted");
        foreach (var s in m.Minted)
        {
            w.WriteStartObject();
            w.WriteString("chain", s.Chain);
            w.WriteString("contract", s.Contract);
            w.WriteString("role", TokenCodes.Of(s.Role));
            WriteNullable(w, "minted", TokenEvaluationJson.TotalsRead(s) ? a(s.TotalSupply) : null);
            w.WriteBoolean("added", s.Role != Por.Tokens.Model.DeploymentRole.LockAndMint);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteNullable(w, "minted_total", m.Comparable ? a(m.MintedTotal) : null);
        w.WriteStartArray("non_redeemable");
        foreach (var n in m.NonRedeemable)
        {
            w.WriteStartObject();
            w.WriteString("chain", n.Chain);
            w.WriteString("holder", n.Holder);
            w.WriteString("kind", TokenCodes.Of(n.Kind));
            w.WriteString("reason", n.Reason);
            w.WriteString("amount", a(n.Amount));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("temporarily_non_redeemable", a(m.TemporarilyNonRedeemable));
        w.WriteString("permanently_non_redeemable", a(m.PermanentlyNonRedeemable));
        WriteNullable(w, "outstanding", m.Comparable ? a(m.Outstanding) : null);
        w.WriteEndObject();

        w.WriteStartObject("redemption_assets");
        w.WriteStartArray("lines");
        foreach (var x in m.Assets)
        {
            w.WriteStartObject();
            w.WriteString("source_id", x.SourceId);
            w.WriteString("type", x.AssetType);
            w.WriteString("custodian", x.Custodian);
            w.WriteString("jurisdiction", x.Jurisdiction);
            w.WriteString("account", x.AccountNature);
            w.WriteBoolean("pledged", x.Pledged);
            w.WriteBoolean("restricted", x.Restricted);
            w.WriteString("amount", a(x.Amount));
            w.WriteString("as_of", UtcTime.Format(x.AsOf));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("by_type");
        foreach (var (type, amount, available) in m.ByType)
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("amount", a(amount));
            w.WriteString("available", a(available));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("total", a(m.AssetsTotal));
        w.WriteString("available", a(m.AvailableTotal));
        w.WriteEndObject();

        w.WriteStartObject("comparison");
        w.WriteBoolean("comparable", m.Comparable);
        WriteNullable(w, "outstanding", m.Comparable ? a(m.Outstanding) : null);
        WriteNullable(w, "available", m.Comparable ? a(m.AvailableTotal) : null);
        WriteNullable(w, "excess", m.Comparable ? a(m.Excess) : null);
        WriteRatio(w, "ratio", m.Ratio);
        if (m.Covered is { } covered)
        {
            w.WriteBoolean("covered", covered);
        }
        else
        {
            w.WriteNull("covered");
        }

        w.WriteEndObject();
        w.WriteStartArray("timing_differences");
        foreach (var t in m.Timing)
        {
            w.WriteStartObject();
            w.WriteString("source", t.Source);
            WriteNullable(w, "observed_at", t.ObservedAt is { } at ? UtcTime.Format(at) : null);
            if (t.SecondsBefore is { } s)
            {
                w.WriteNumber("seconds_before", s);
            }
            else
            {
                w.WriteNull("seconds_before");
            }

            w.WriteString("note", t.Note);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRatio(Utf8JsonWriter w, string prefix, ExactNumber? ratio)
    {
        WriteNullable(w, prefix + "_percent", ReportFormat.Percent(ratio));
        WriteNullable(w, prefix + "_exact", ratio?.ToFraction());
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
