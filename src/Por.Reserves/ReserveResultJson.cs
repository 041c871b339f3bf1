// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;
using Por.Reserves.Window;

namespace Por.Reserves;

/// <summary>Versioned JSON form of a <see cref="ReserveVerificationResult"/> ("por-reserves-result/3", snake_case
/// property names); amounts are decimal strings of integer base units.</summary>
public static class ReserveResultJson
{
    /// <summary>The format identifier written to "format".</summary>
    public const string FormatVersion = "por-reserves-result/3";

    /// <summary>The previous version (the same fields in camelCase), written by earlier releases; still read so that
    /// results signed before the rename keep verifying.</summary>
    public const string LegacyFormatVersion = "por-reserves-result/2";

    /// <summary>Serialises a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Indented UTF-8 JSON with a trailing newline.</returns>
    public static byte[] Serialize(ReserveVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatVersion);
            w.WriteString("custodian", result.Custodian);
            w.WriteString("round", result.Round);
            w.WriteString("source", result.Source);
            w.WriteString("registry_sha256", Convert.ToHexStringLower(result.RegistrySha256));
            w.WriteString("network", result.Network == Registry.RegistryNetwork.Mainnet ? "mainnet" : "test");
            w.WriteBoolean("all_verified", result.AllVerified);
            w.WriteStartArray("verified_reserves");
            foreach (var t in result.Totals.Where(t => t.VerifiedRows > 0))
            {
                WriteTotal(w, t.Asset, t.Decimals, t.Verified, t.VerifiedRows, t);
            }

            w.WriteEndArray();
            w.WriteStartArray("unverified_claims");
            foreach (var t in result.Totals.Where(t => t.FailedRows > 0))
            {
                WriteTotal(w, t.Asset, t.Decimals, t.Unverified, t.FailedRows, null);
            }

            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                WriteRow(w, row);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    // Verified totals (stable is not null) also carry the stable reserves of the borrowed-reserves window.
    private static void WriteTotal(Utf8JsonWriter w, string asset, int decimals, UInt128 amount, int rows, AssetTotal? stable)
    {
        w.WriteStartObject();
        w.WriteString("asset", asset);
        w.WriteNumber("decimals", decimals);
        w.WriteString("amount", amount.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("rows", rows);
        if (stable is not null)
        {
            WriteAmountOrNull(w, "stable_amount", stable.Stable);
            w.WriteNumber("stable_rows", stable.StableRows);
        }

        w.WriteEndObject();
    }

    private static void WriteAmountOrNull(Utf8JsonWriter w, string name, UInt128? amount)
    {
        if (amount is { } value)
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteWindow(Utf8JsonWriter w, WindowObservation? window)
    {
        if (window is null)
        {
            w.WriteNull("window");
            return;
        }

        w.WriteStartObject("window");
        w.WriteNumber("from_height", window.FromHeight);
        w.WriteNumber("to_height", window.ToHeight);
        w.WriteNumber("samples_each_side", window.SamplesEachSide);
        w.WriteNumber("flag_share_basis_points", window.FlagShareBasisPoints);
        w.WriteBoolean("complete", window.Complete);
        w.WriteStartArray("samples");
        foreach (var sample in window.Samples)
        {
            w.WriteStartObject();
            w.WriteNumber("height", sample.Height);
            w.WriteString("balance", sample.Balance.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("minimum", window.Minimum.ToString(CultureInfo.InvariantCulture));
        w.WriteBoolean("round_trip", window.RoundTrip);
        w.WriteString("round_trip_amount", window.RoundTripAmount.ToString(CultureInfo.InvariantCulture));
        if (window.Failure is { } failure)
        {
            w.WriteString("failure", failure);
        }
        else
        {
            w.WriteNull("failure");
        }

        w.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter w, RowOutcome row)
    {
        w.WriteStartObject();
        w.WriteNumber("index", row.Index);
        w.WriteNumber("line", row.Line);
        w.WriteString("asset", row.Asset);
        w.WriteString("chain", row.Chain);
        w.WriteString("address", row.Address);
        if (row.Token is { } token)
        {
            w.WriteString("token", token);
        }
        else
        {
            w.WriteNull("token");
        }

        w.WriteString("scheme", row.Scheme);
        w.WriteString("claimed_amount", row.ClaimedAmount.ToString(CultureInfo.InvariantCulture));
        w.WriteNumber("decimals", row.Decimals);
        w.WriteNumber("snapshot_height", row.SnapshotHeight);
        w.WriteString("status", row.Status == RowStatus.Verified ? "verified" : "failed");
        w.WriteString("reason", row.Message);
        w.WriteString("ownership", row.Ownership.Status.ToString().ToLowerInvariant());
        WriteCode(w, "failure", row.Failure, row.IsValid);
        WriteCode(w, "ownership_failure", row.Ownership.Failure, row.Ownership.IsValid);
        w.WriteStartArray("notes");
        foreach (var note in row.Ownership.Notes)
        {
            w.WriteStringValue(note);
        }

        w.WriteEndArray();
        if (row.OnChainBalance is { } balance)
        {
            w.WriteString("on_chain_balance", balance.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("on_chain_balance");
        }

        if (row.BalanceBlockHash is { } hash)
        {
            w.WriteString("balance_block_hash", hash);
        }
        else
        {
            w.WriteNull("balance_block_hash");
        }

        w.WriteBoolean("replayable", row.Replayable);
        WriteWindow(w, row.Window);
        w.WriteEndObject();
    }

    // Null when the check passed, so "failure" is present on every row and scripts test it, not the message text.
    private static void WriteCode(Utf8JsonWriter w, string name, Enum failure, bool passed)
    {
        if (passed)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, SnakeCase.Of(failure));
        }
    }

    /// <summary>The code a failure is written as in "failure" and "ownership_failure" (SignatureInvalid → signature_invalid).</summary>
    /// <param name="failure">A <see cref="RowFailure"/> or ownership failure.</param>
    /// <returns>The snake_case code.</returns>
    public static string FailureCode(Enum failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return SnakeCase.Of(failure);
    }
}
