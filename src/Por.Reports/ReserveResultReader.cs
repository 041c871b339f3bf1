// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;
using Por.Reserves;

namespace Por.Reports;

/// <summary>
/// Reads the output of <c>por reserves verify --json</c> ("por-reserves-result/2") for a report. Only verified rows
/// count; the per-asset totals are recomputed from the rows and must equal the totals written in the file, and a
/// verified row must carry a valid ownership proof, an on-chain balance covering its claim and a unique wallet.
/// A file that fails any of these is rejected (<see cref="InvalidDataException"/>): it was edited after verification.
/// </summary>
public static class ReserveResultReader
{
    private static readonly string[] s_rootFields = ["format", "custodian", "round", "source", "registrySha256", "network", "allVerified", "verifiedReserves", "unverifiedClaims", "rows"];
    private static readonly string[] s_totalFields = ["asset", "decimals", "amount", "rows"];
    private static readonly string[] s_rowFields =
    [
        "index", "line", "asset", "chain", "address", "token", "scheme", "claimedAmount", "decimals", "snapshotHeight", "status",
        "reason", "ownership", "notes", "onChainBalance", "balanceBlockHash", "replayable", "failure", "ownershipFailure",
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
        using var document = StrictJson.Parse(json, source);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, source, "", s_rootFields);
        var format = StrictJson.String(root, "format", source, "");
        if (!string.Equals(format, ReserveResultJson.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(source, 0, "format", $"'{format}' is not {ReserveResultJson.FormatVersion}");
        }

        var custodian = StrictJson.String(root, "custodian", source, "");
        var round = StrictJson.String(root, "round", source, "");
        var rows = ReadRows(StrictJson.Array(root, "rows", source, ""), source);
        var verifiedTotals = ReadTotals(StrictJson.Array(root, "verifiedReserves", source, ""), source, "verifiedReserves");
        var unverifiedTotals = ReadTotals(StrictJson.Array(root, "unverifiedClaims", source, ""), source, "unverifiedClaims");
        var allVerified = root.GetProperty("allVerified");
        if (allVerified.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InputException(source, 0, "allVerified", "expected true or false");
        }

        if (allVerified.GetBoolean() != rows.All(r => r.Verified))
        {
            throw new InvalidDataException($"{source}: allVerified does not match the rows");
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
            CheckTotal(verifiedTotals, group.Key, decimals[0], verified, verifiedCount, source, "verifiedReserves");
            CheckTotal(unverifiedTotals, group.Key, decimals[0], unverified, failedCount, source, "unverifiedClaims");
            assets.Add(new ReserveEvidence(group.Key, decimals[0], verified, unverified, verifiedCount, failedCount, group.Count(r => r.Verified && r.Replayable)));
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
        foreach (var row in rows.Where(r => r.Verified))
        {
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

    private static Dictionary<string, (int Decimals, UInt128 Amount, long Rows)> ReadTotals(JsonElement array, string source, string field)
    {
        var totals = new Dictionary<string, (int, UInt128, long)>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{field}[{i++}]";
            StrictJson.ExpectObject(item, source, path, s_totalFields);
            var asset = StrictJson.String(item, "asset", source, path);
            var decimals = (int)StrictJson.Integer(item, "decimals", source, path, 0, 36);
            var amount = BaseUnits(StrictJson.String(item, "amount", source, path), source, path + ".amount");
            var rows = StrictJson.Integer(item, "rows", source, path, 1, int.MaxValue);
            if (!totals.TryAdd(asset, (decimals, amount, rows)))
            {
                throw new InputException(source, 0, path + ".asset", $"{asset} is listed twice");
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

            if (item.TryGetProperty("ownershipFailure", out var ownershipFailure) && ownershipFailure.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
            {
                throw new InputException(source, 0, path + ".ownershipFailure", "expected null or a failure code");
            }

            var balanceElement = item.GetProperty("onChainBalance");
            UInt128? balance = balanceElement.ValueKind == JsonValueKind.Null ? null : BaseUnits(StrictJson.String(item, "onChainBalance", source, path), source, path + ".onChainBalance");
            var replayable = item.GetProperty("replayable");
            if (replayable.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new InputException(source, 0, path + ".replayable", "expected true or false");
            }

            rows.Add(new ResultRow(
                i,
                StrictJson.String(item, "asset", source, path),
                StrictJson.String(item, "chain", source, path),
                StrictJson.String(item, "address", source, path),
                BaseUnits(StrictJson.String(item, "claimedAmount", source, path), source, path + ".claimedAmount"),
                (int)StrictJson.Integer(item, "decimals", source, path, 0, 36),
                string.Equals(status, "verified", StringComparison.Ordinal),
                StrictJson.String(item, "ownership", source, path),
                balance,
                replayable.GetBoolean()));
            i++;
        }

        return rows;
    }

    private static UInt128 BaseUnits(string text, string source, string field) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InputException(source, 0, field, $"'{text}' is not an integer amount in base units below 2^128");

    private sealed record ResultRow(int Index, string Asset, string Chain, string Address, UInt128 Claimed, int Decimals, bool Verified, string Ownership, UInt128? OnChainBalance, bool Replayable);
}
