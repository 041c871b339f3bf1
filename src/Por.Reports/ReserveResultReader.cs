// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;
using Por.Reserves;
using Por.Reserves.Registry;
using Por.Reserves.Window;

namespace Por.Reports;

/// <summary>
/// Reads the output of <c>por reserves verify --json</c> ("por-reserves-result/3", or "por-reserves-result/2" written by
/// earlier releases: the same fields in camelCase, so results signed before the rename keep verifying) for a report. Only verified rows
/// count; the per-asset totals are recomputed from the rows and must equal the totals written in the file, and a
/// verified row must carry a valid ownership proof, an on-chain balance covering its claim and a unique wallet. The
/// borrowed-reserves windows are rechecked too: each window's schedule, minimum and round-trip flag are recomputed from
/// its samples, which must include the snapshot balance, and the stable totals from the rows. A file that fails any of these is rejected (<see cref="InvalidDataException"/>): it was edited after verification.
/// </summary>
public static class ReserveResultReader
{
    private const long MaxWindowSide = 100_000_000;
    private static readonly string[] s_rootFields = ["format", "custodian", "round", "source", "registry_sha256", "network", "all_verified", "verified_reserves", "unverified_claims", "rows"];
    private static readonly string[] s_totalFields = ["asset", "decimals", "amount", "rows"];
    private static readonly string[] s_verifiedTotalFields = ["asset", "decimals", "amount", "rows", "stable_amount", "stable_rows"];
    private static readonly string[] s_windowFields = ["from_height", "to_height", "samples_each_side", "flag_share_basis_points", "complete", "samples", "minimum", "round_trip", "round_trip_amount", "failure"];
    private static readonly string[] s_sampleFields = ["height", "balance"];
    private static readonly string[] s_rowFields =
    [
        "index", "line", "asset", "chain", "address", "token", "scheme", "claimed_amount", "decimals", "snapshot_height", "status",
        "reason", "ownership", "notes", "on_chain_balance", "balance_block_hash", "replayable", "failure", "ownership_failure", "window",
    ];


    /// <summary>Reads a result file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The verified reserves.</returns>
    /// <exception cref="InputException">Malformed JSON or fields.</exception>
    /// <exception cref="InvalidDataException">Totals or rows are inconsistent.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static VerifiedReserves Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses result JSON.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="source">The file name for errors.</param>
    /// <returns>The verified reserves.</returns>
    /// <exception cref="InputException">Malformed JSON or fields.</exception>
    /// <exception cref="InvalidDataException">Totals or rows are inconsistent.</exception>
    public static VerifiedReserves Parse(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        string format;
        using (var probe = StrictJson.Parse(json, source))
        {
            format = probe.RootElement.ValueKind == JsonValueKind.Object && probe.RootElement.TryGetProperty("format", out _)
                ? StrictJson.String(probe.RootElement, "format", source, "")
                : throw new InputException(source, 0, "format", $"missing: expected {ReserveResultJson.FormatVersion}");
            if (string.Equals(format, ReserveResultJson.LegacyFormatVersion, StringComparison.Ordinal))
            {
                // The bytes stay as signed (the signature covers them); the names are read through their snake_case form,
                // and an error names the field as the file spells it.
                var renamed = SnakeCaseNames(probe.RootElement, source);
                try
                {
                    return ParseCurrent(renamed, source);
                }
                catch (InputException ex)
                {
                    throw new InputException(ex.File, ex.Line, LegacyPropertyNames.CamelCase(ex.Field), ex.Reason);
                }
            }
        }

        if (!string.Equals(format, ReserveResultJson.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"'{format}' is not {ReserveResultJson.FormatVersion} (or {ReserveResultJson.LegacyFormatVersion})");
        }

        return ParseCurrent(json, source);
    }

    // A por-reserves-result/2 document with every property name in snake_case ("format" then says /3); a name that is
    // already snake_case is refused, so each version has exactly one spelling of each field.
    private static byte[] SnakeCaseNames(JsonElement root, string source)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Copy(root, writer, "");
        }

        return stream.ToArray();

        void Copy(JsonElement element, Utf8JsonWriter w, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    w.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        var at = StrictJson.Join(path, property.Name);
                        if (property.Name.Contains('_', StringComparison.Ordinal))
                        {
                            throw new InputException(source, 0, at, $"a {ReserveResultJson.LegacyFormatVersion} file names its fields in camelCase");
                        }

                        var name = string.Concat(property.Name.Select((c, i) => char.IsAsciiLetterUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));
                        w.WritePropertyName(name);
                        if (path.Length == 0 && string.Equals(name, "format", StringComparison.Ordinal))
                        {
                            w.WriteStringValue(ReserveResultJson.FormatVersion);
                            continue;
                        }

                        Copy(property.Value, w, at);
                    }

                    w.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    w.WriteStartArray();
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Copy(item, w, $"{path}[{i++}]");
                    }

                    w.WriteEndArray();
                    break;
                default:
                    element.WriteTo(w);
                    break;
            }
        }
    }

    private static VerifiedReserves ParseCurrent(byte[] json, string source)
    {
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, source, "", s_rootFields);

        var custodian = StrictJson.String(root, "custodian", source, "");
        var round = StrictJson.String(root, "round", source, "");
        var rows = ReadRows(StrictJson.Array(root, "rows", source, ""), source);
        var verifiedTotals = ReadTotals(StrictJson.Array(root, "verified_reserves", source, ""), source, "verified_reserves", out var stableTotals);
        var unverifiedTotals = ReadTotals(StrictJson.Array(root, "unverified_claims", source, ""), source, "unverified_claims", out _);
        var allVerified = root.GetProperty("all_verified");
        if (allVerified.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InputException(source, 0, "all_verified", "expected true or false");
        }

        if (allVerified.GetBoolean() != rows.All(r => r.Verified))
        {
            throw new InvalidDataException($"{source}: all_verified does not match the rows");
        }

        CheckRows(rows, source);
        var assets = new List<ReserveEvidence>();
        foreach (var group in rows.GroupBy(r => r.Asset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var decimals = group.Select(r => r.Decimals).Distinct().ToList();
            if (decimals.Count != 1)
            {
                throw new InvalidDataException($"{source}: rows of {group.Key} disagree on decimals ({string.Join(", ", decimals)})");
            }

            var verified = Sum(group.Where(r => r.Verified));
            var unverified = Sum(group.Where(r => !r.Verified));
            var verifiedCount = group.Count(r => r.Verified);
            var failedCount = group.Count(r => !r.Verified);
            CheckTotal(verifiedTotals, group.Key, decimals[0], verified, verifiedCount, source, "verified_reserves");
            CheckTotal(unverifiedTotals, group.Key, decimals[0], unverified, failedCount, source, "unverified_claims");
            var stable = CheckStable(stableTotals, group.Key, verified, group.Where(r => r.Verified).ToList(), source);
            var flagged = group.Where(r => r.Verified && r.Window is { RoundTrip: true }).ToList();
            assets.Add(new ReserveEvidence(group.Key, decimals[0], verified, unverified, verifiedCount, failedCount, group.Count(r => r.Verified && r.Replayable))
            {
                Stable = stable.Amount,
                StableRows = stable.Rows,
                WindowRows = group.Count(r => r.Verified && r.Window is not null),
                RoundTripRows = flagged.Count,
                RoundTripAmount = flagged.Aggregate(UInt128.Zero, (sum, r) => checked(sum + r.Window!.RoundTripAmount)),
            });
        }

        if (verifiedTotals.Count > 0 || unverifiedTotals.Count > 0)
        {
            var extra = verifiedTotals.Keys.Concat(unverifiedTotals.Keys).First();
            throw new InvalidDataException($"{source}: a total is given for {extra} but no row backs it");
        }

        return new VerifiedReserves(source, custodian, round, assets);
    }

    private static void CheckRows(List<ResultRow> rows, string source)
    {
        var wallets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !r.Verified && r.Window is not null))
        {
            throw new InvalidDataException($"{source}: rows[{row.Index}] failed but carries a window: windows are read for verified rows only");
        }

        foreach (var row in rows.Where(r => r.Verified))
        {
            if (row.Window is { } window)
            {
                CheckWindow(row, window, source);
            }

            if (!string.Equals(row.Ownership, "valid", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source}: rows[{row.Index}] is marked verified but its ownership is '{row.Ownership}'");
            }

            if (row.OnChainBalance is not { } balance || balance < row.Claimed)
            {
                throw new InvalidDataException($"{source}: rows[{row.Index}] is marked verified but its on-chain balance does not cover the claim");
            }

            if (!wallets.Add($"{row.Asset}\n{row.Chain}\n{row.Address.ToLowerInvariant()}"))
            {
                throw new InvalidDataException($"{source}: rows[{row.Index}] counts the {row.Asset} wallet {row.Address} on {row.Chain} a second time");
            }
        }
    }

    // Everything in a window is recomputed from its samples and the row: the schedule from the policy the window names,
    // the snapshot sample from the row's balance, the minimum, the completeness and the round-trip flag.
    private static void CheckWindow(ResultRow row, WindowObservation window, string source)
    {
        var where = $"{source}: rows[{row.Index}].window";
        var height = row.SnapshotHeight;
        if (window.FromHeight > height || window.ToHeight <= height || window.FromHeight == height)
        {
            throw new InvalidDataException($"{where} [{window.FromHeight}, {window.ToHeight}] does not surround the snapshot height {height}");
        }

        // The registry allows at most 10^8 blocks on each side; longer windows are not the verifier's.
        if (height - window.FromHeight > MaxWindowSide || window.ToHeight - height > MaxWindowSide)
        {
            throw new InvalidDataException($"{where} [{window.FromHeight}, {window.ToHeight}] is longer than a registry window can be");
        }

        var samples = window.Samples;
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Height <= samples[i - 1].Height)
            {
                throw new InvalidDataException($"{where}: sample heights are not strictly ascending");
            }
        }

        if (!samples.Any(s => s.Height == height && s.Balance == row.OnChainBalance))
        {
            throw new InvalidDataException($"{where}: no sample at the snapshot height {height} with the row's balance {row.OnChainBalance}");
        }

        var policy = new WindowPolicy(height - window.FromHeight, window.ToHeight - height, window.SamplesEachSide, window.FlagShareBasisPoints);
        var schedule = WindowSchedule.Before(height, policy).Concat(WindowSchedule.After(height, policy)).Append(height).ToHashSet();
        if (samples.Any(s => !schedule.Contains(s.Height)) || (window.Complete && samples.Count != schedule.Count))
        {
            throw new InvalidDataException($"{where}: the sample heights are not {(window.Complete ? "exactly " : "among ")}the window's schedule");
        }

        if (window.Complete && window.Failure is not null)
        {
            throw new InvalidDataException($"{where} is complete but records a failure");
        }

        if (window.Minimum != samples.Min(s => s.Balance))
        {
            throw new InvalidDataException($"{where}: minimum {window.Minimum} is not the smallest sample");
        }

        var drop = WindowObservation.RoundTripDrop(height, row.OnChainBalance!.Value, samples, window.FlagShareBasisPoints);
        if (window.RoundTrip != drop.HasValue || window.RoundTripAmount != (drop ?? UInt128.Zero))
        {
            throw new InvalidDataException($"{where}: round_trip {window.RoundTrip} ({window.RoundTripAmount}) does not follow from the samples ({(drop is { } d ? $"flagged, {d}" : "not flagged")})");
        }
    }

    // The stable total must be the sum of the verified rows' stable amounts (measured windows only) and not exceed the
    // verified total.
    private static (UInt128? Amount, int Rows) CheckStable(Dictionary<string, (UInt128? Amount, long Rows)> totals, string asset, UInt128 verified, List<ResultRow> rows, string source)
    {
        if (rows.Count == 0)
        {
            return (null, 0);
        }

        var measured = rows.Select(r => r.Window?.Stable(r.Claimed)).OfType<UInt128>().ToList();
        UInt128? sum = measured.Count == 0 ? null : measured.Aggregate(UInt128.Zero, (total, amount) => checked(total + amount));
        var written = totals[asset];
        if (written.Amount != sum || written.Rows != measured.Count)
        {
            throw new InvalidDataException($"{source}: verified_reserves for {asset} says stable {written.Amount?.ToString() ?? "null"} in {written.Rows} row(s), the windows give {sum?.ToString() ?? "null"} in {measured.Count}");
        }

        if (sum > verified)
        {
            throw new InvalidDataException($"{source}: stable reserves of {asset} exceed its verified reserves");
        }

        return (sum, measured.Count);
    }

    private static UInt128 Sum(IEnumerable<ResultRow> rows)
    {
        var total = UInt128.Zero;
        foreach (var r in rows)
        {
            total = checked(total + r.Claimed);
        }

        return total;
    }

    private static void CheckTotal(Dictionary<string, (int Decimals, UInt128 Amount, long Rows)> totals, string asset, int decimals, UInt128 amount, int count, string source, string field)
    {
        if (count == 0)
        {
            return;
        }

        if (!totals.Remove(asset, out var written))
        {
            throw new InvalidDataException($"{source}: {field} has no entry for {asset}, but {count} row(s) of it are there");
        }

        if (written.Amount != amount || written.Decimals != decimals || written.Rows != count)
        {
            throw new InvalidDataException($"{source}: {field} for {asset} says {written.Amount} base units in {written.Rows} row(s), the rows add up to {amount} in {count}");
        }
    }

    private static Dictionary<string, (int Decimals, UInt128 Amount, long Rows)> ReadTotals(JsonElement array, string source, string field, out Dictionary<string, (UInt128? Amount, long Rows)> stable)
    {
        var totals = new Dictionary<string, (int, UInt128, long)>(StringComparer.Ordinal);
        stable = new Dictionary<string, (UInt128?, long)>(StringComparer.Ordinal);
        var withStable = string.Equals(field, "verified_reserves", StringComparison.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{field}[{i++}]";
            StrictJson.ExpectObject(item, source, path, withStable ? s_verifiedTotalFields : s_totalFields);
            var asset = StrictJson.String(item, "asset", source, path);
            var decimals = (int)StrictJson.Integer(item, "decimals", source, path, 0, 36);
            var amount = BaseUnits(StrictJson.String(item, "amount", source, path), source, path + ".amount");
            var rows = StrictJson.Integer(item, "rows", source, path, 1, int.MaxValue);
            if (!totals.TryAdd(asset, (decimals, amount, rows)))
            {
                throw new InputException(source, 0, path + ".asset", $"{asset} is listed twice");
            }

            if (withStable)
            {
                stable[asset] = (NullableBaseUnits(item, "stable_amount", source, path), StrictJson.Integer(item, "stable_rows", source, path, 0, int.MaxValue));
            }
        }

        return totals;
    }

    private static List<ResultRow> ReadRows(JsonElement array, string source)
    {
        var rows = new List<ResultRow>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"rows[{i}]";
            StrictJson.ExpectObject(item, source, path, s_rowFields);
            var status = StrictJson.String(item, "status", source, path);
            if (status is not ("verified" or "failed"))
            {
                throw new InputException(source, 0, path + ".status", $"'{status}' is neither verified nor failed");
            }

            if (item.TryGetProperty("failure", out var failure))
            {
                if (failure.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
                {
                    throw new InputException(source, 0, path + ".failure", "expected null or a failure code");
                }

                // Like the other cross-checks below, a disagreement is an inconsistent (tampered) result, not a typo.
                if ((failure.ValueKind == JsonValueKind.Null) != string.Equals(status, "verified", StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{source}: {path} is '{status}' but its failure code is {(failure.ValueKind == JsonValueKind.Null ? "null" : $"'{failure.GetString()}'")}");
                }
            }

            if (item.TryGetProperty("ownership_failure", out var ownershipFailure) && ownershipFailure.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
            {
                throw new InputException(source, 0, path + ".ownership_failure", "expected null or a failure code");
            }

            var balanceElement = item.GetProperty("on_chain_balance");
            UInt128? balance = balanceElement.ValueKind == JsonValueKind.Null ? null : BaseUnits(StrictJson.String(item, "on_chain_balance", source, path), source, path + ".on_chain_balance");
            var replayable = item.GetProperty("replayable");
            if (replayable.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InputException(source, 0, path + ".replayable", "expected true or false");
            }

            var snapshotHeight = StrictJson.Integer(item, "snapshot_height", source, path, 0, long.MaxValue);
            rows.Add(new ResultRow(
                i,
                StrictJson.String(item, "asset", source, path),
                StrictJson.String(item, "chain", source, path),
                StrictJson.String(item, "address", source, path),
                BaseUnits(StrictJson.String(item, "claimed_amount", source, path), source, path + ".claimed_amount"),
                (int)StrictJson.Integer(item, "decimals", source, path, 0, 36),
                string.Equals(status, "verified", StringComparison.Ordinal),
                StrictJson.String(item, "ownership", source, path),
                balance,
                replayable.GetBoolean(),
                snapshotHeight,
                ReadWindow(item.GetProperty("window"), snapshotHeight, source, path + ".window")));
            i++;
        }

        return rows;
    }

    // The window as written (nothing derived here); its consistency is checked in CheckWindow.
    private static WindowObservation? ReadWindow(JsonElement element, long snapshotHeight, string source, string path)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        StrictJson.ExpectObject(element, source, path, s_windowFields);
        var samples = new List<WindowSample>();
        var j = 0;
        foreach (var item in StrictJson.Array(element, "samples", source, path).EnumerateArray())
        {
            var samplePath = $"{path}.samples[{j++}]";
            StrictJson.ExpectObject(item, source, samplePath, s_sampleFields);
            samples.Add(new WindowSample(StrictJson.Integer(item, "height", source, samplePath, 0, long.MaxValue), BaseUnits(StrictJson.String(item, "balance", source, samplePath), source, samplePath + ".balance")));
        }

        if (samples.Count == 0)
        {
            throw new InputException(source, 0, path + ".samples", "a window has at least the snapshot sample");
        }

        var failure = element.GetProperty("failure");
        if (failure.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            throw new InputException(source, 0, path + ".failure", "expected null or a reason");
        }

        return new WindowObservation
        {
            SnapshotHeight = snapshotHeight,
            FromHeight = StrictJson.Integer(element, "from_height", source, path, 0, long.MaxValue),
            ToHeight = StrictJson.Integer(element, "to_height", source, path, 0, long.MaxValue),
            SamplesEachSide = (int)StrictJson.Integer(element, "samples_each_side", source, path, 1, 1_000),
            FlagShareBasisPoints = (int)StrictJson.Integer(element, "flag_share_basis_points", source, path, 1, 10_000),
            Complete = Boolean(element, "complete", source, path),
            Samples = samples,
            Minimum = BaseUnits(StrictJson.String(element, "minimum", source, path), source, path + ".minimum"),
            RoundTrip = Boolean(element, "round_trip", source, path),
            RoundTripAmount = BaseUnits(StrictJson.String(element, "round_trip_amount", source, path), source, path + ".round_trip_amount"),
            Failure = failure.ValueKind == JsonValueKind.Null ? null : failure.GetString(),
        };
    }

    private static bool Boolean(JsonElement obj, string name, string source, string path)
    {
        var value = obj.GetProperty(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InputException(source, 0, path + "." + name, "expected true or false"),
        };
    }

    private static UInt128? NullableBaseUnits(JsonElement obj, string name, string source, string path) =>
        obj.GetProperty(name).ValueKind == JsonValueKind.Null ? null : BaseUnits(StrictJson.String(obj, name, source, path), source, path + "." + name);

    private static UInt128 BaseUnits(string text, string source, string field) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InputException(source, 0, field, $"'{text}' is not an integer amount in base units below 2^128");

    private sealed record ResultRow(int Index, string Asset, string Chain, string Address, UInt128 Claimed, int Decimals, bool Verified, string Ownership, UInt128? OnChainBalance, bool Replayable, long SnapshotHeight, WindowObservation? Window);
}
