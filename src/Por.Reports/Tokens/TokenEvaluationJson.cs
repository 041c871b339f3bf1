// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Common;
using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>
/// The JSON of one evaluation's evidence, shared by <c>por-token-check/1</c> (amounts in base units) and
/// <c>por-token-report/1</c> (amounts in whole tokens): the <c>supply</c>, <c>reserves</c> and <c>failed_evidence</c>
/// arrays. What was not read is null, never 0 or the Unix epoch: a reading whose chain could not be pinned has no
/// height, hash or time; a failed reading has no amounts (a conservation violation keeps the totals it read, which show
/// the violation); failed reserve evidence has no amount.
/// </summary>
public static class TokenEvaluationJson
{
    /// <summary>Whether a supply reading has a pinned block (height, hash, time).</summary>
    /// <param name="reading">The reading.</param>
    /// <returns>True when its chain was pinned.</returns>
    public static bool IsPinned(SupplyReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.BlockHash.Length > 0;
    }

    /// <summary>Whether a supply reading's total and excluded supply were read (usable, or a conservation violation).</summary>
    /// <param name="reading">The reading.</param>
    /// <returns>True when they were read.</returns>
    public static bool TotalsRead(SupplyReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Failure is EvidenceFailure.None or EvidenceFailure.ConservationViolated;
    }

    /// <summary>Writes the <c>supply</c> array.</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="supply">The readings.</param>
    /// <param name="amount">How an amount in base units is written.</param>
    public static void WriteSupply(Utf8JsonWriter w, IReadOnlyList<SupplyReading> supply, Func<BigInteger, string> amount)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(supply);
        ArgumentNullException.ThrowIfNull(amount);
        w.WriteStartArray("supply");
        foreach (var s in supply)
        {
            w.WriteStartObject();
            w.WriteString("chain", s.Chain);
            w.WriteString("contract", s.Contract);
            w.WriteString("role", TokenCodes.Of(s.Role));
            if (IsPinned(s))
            {
                w.WriteNumber("height", s.Height);
                w.WriteString("block_hash", s.BlockHash);
                w.WriteString("block_time", UtcTime.Format(s.BlockTime));
            }
            else
            {
                w.WriteNull("height");
                w.WriteNull("block_hash");
                w.WriteNull("block_time");
            }

            var read = TotalsRead(s);
            Nullable(w, "total_supply", read ? amount(s.TotalSupply) : null);
            Nullable(w, "excluded", read ? amount(s.Excluded) : null);
            Nullable(w, "counted", s.Failure == EvidenceFailure.None ? amount(s.Counted) : null);
            w.WriteString("failure", TokenCodes.Of(s.Failure));
            w.WriteString("detail", s.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the <c>reserves</c> array.</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="reserves">The evidence.</param>
    /// <param name="amount">How an amount in base units is written.</param>
    public static void WriteReserves(Utf8JsonWriter w, IReadOnlyList<Por.Tokens.Model.ReserveEvidence> reserves, Func<BigInteger, string> amount)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(reserves);
        ArgumentNullException.ThrowIfNull(amount);
        w.WriteStartArray("reserves");
        foreach (var r in reserves)
        {
            w.WriteStartObject();
            w.WriteString("source", r.SourceId);
            w.WriteString("evidence_class", TokenCodes.Of(r.Class));
            Nullable(w, "amount", r.Failure == EvidenceFailure.None ? amount(r.Amount) : null);
            Nullable(w, "observed_at", r.ObservedAt is { } t ? UtcTime.Format(t) : null);
            w.WriteString("reference", r.Reference);
            w.WriteString("failure", TokenCodes.Of(r.Failure));
            w.WriteString("detail", r.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes the <c>failed_evidence</c> array (<see cref="TokenEvaluation.FailedEvidence"/>).</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="evaluation">The evaluation.</param>
    public static void WriteFailedEvidence(Utf8JsonWriter w, TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(evaluation);
        w.WriteStartArray("failed_evidence");
        foreach (var failed in evaluation.FailedEvidence)
        {
            w.WriteStringValue(failed);
        }

        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
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
