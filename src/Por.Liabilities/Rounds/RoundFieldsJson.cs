// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Rounds;

/// <summary>
/// The round fields every header has in both modes, in manifests and inclusion files alike: <c>round_id</c>,
/// <c>snapshot_time</c> and <c>assets</c> (symbol, decimals and the exact per-asset total), formats.md §6 and §9.
/// </summary>
public static class RoundFieldsJson
{
    /// <summary>The property names these fields take, in order.</summary>
    public static IReadOnlyList<string> Properties { get; } = ["round_id", "snapshot_time", "assets"];

    /// <summary>Writes the round id, snapshot time and the assets with their totals.</summary>
    /// <param name="w">The writer, inside the header's object.</param>
    /// <param name="roundId">The round id.</param>
    /// <param name="snapshotTime">The snapshot time.</param>
    /// <param name="assets">The asset table.</param>
    /// <param name="totals">The per-asset totals in base units, in asset order.</param>
    public static void Write(Utf8JsonWriter w, string roundId, DateTimeOffset snapshotTime, AssetTable assets, IReadOnlyList<ulong> totals)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(totals);
        w.WriteString("round_id", roundId);
        w.WriteString("snapshot_time", UtcTime.Format(snapshotTime));
        w.WriteStartArray("assets");
        for (var i = 0; i < assets.Count; i++)
        {
            var a = assets[i];
            w.WriteStartObject();
            w.WriteString("symbol", a.Symbol);
            w.WriteNumber("decimals", a.Decimals);
            w.WriteString("total", Amount.Format(totals[i], a.Decimals));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Reads the round id (checked by <see cref="RoundIds"/>), snapshot time and assets strictly.</summary>
    /// <param name="obj">The header's object.</param>
    /// <param name="file">The file, for errors.</param>
    /// <returns>The fields.</returns>
    /// <exception cref="InputException">A malformed field (named).</exception>
    public static (string RoundId, DateTimeOffset SnapshotTime, AssetTable Assets, ulong[] Totals) Read(JsonElement obj, string file)
    {
        var roundId = StrictJson.String(obj, "round_id", file, "");
        if (RoundIds.Validate(roundId) is { } error)
        {
            throw new InputException(file, 0, "round_id", error);
        }

        var time = StrictJson.Time(obj, "snapshot_time", file, "");
        var assets = new List<Asset>();
        var totals = new List<ulong>();
        var i = 0;
        foreach (var e in StrictJson.Array(obj, "assets", file, "").EnumerateArray())
        {
            var path = $"assets[{i++}]";
            StrictJson.ExpectObject(e, file, path, ["symbol", "decimals", "total"]);
            var symbol = StrictJson.String(e, "symbol", file, path);
            var decimals = (byte)StrictJson.Integer(e, "decimals", file, path, 0, Asset.MaxDecimals);
            if (!Asset.IsValidSymbol(symbol) || assets.Any(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, $"{path}.symbol", "malformed or repeated asset symbol");
            }

            if (!Amount.TryParseCanonical(StrictJson.String(e, "total", file, path), decimals, out var units))
            {
                throw new InputException(file, 0, $"{path}.total", "expected a canonical non-negative decimal amount");
            }

            assets.Add(new Asset(symbol, decimals));
            totals.Add(units);
        }

        if (assets.Count is 0 or > AssetTable.MaxAssets)
        {
            throw new InputException(file, 0, "assets", "expected 1 to 65535 assets");
        }

        return (roundId, time, new AssetTable(assets), totals.ToArray());
    }

    /// <summary>
    /// Adds the names of the shared round fields that differ between two headers, in field order: "round_id",
    /// "snapshot_time", "assets" (symbols or decimals) or else "totals".
    /// </summary>
    public static void AddDifferences(
        ICollection<string> d,
        string roundId, DateTimeOffset snapshotTime, AssetTable assets, IReadOnlyList<ulong> totals,
        string otherRoundId, DateTimeOffset otherSnapshotTime, AssetTable otherAssets, IReadOnlyList<ulong> otherTotals)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(otherTotals);
        ArgumentNullException.ThrowIfNull(d);
        if (!string.Equals(roundId, otherRoundId, StringComparison.Ordinal))
        {
            d.Add("round_id");
        }

        if (snapshotTime != otherSnapshotTime)
        {
            d.Add("snapshot_time");
        }

        if (!assets.SequenceEqual(otherAssets))
        {
            d.Add("assets");
        }
        else if (!totals.SequenceEqual(otherTotals))
        {
            d.Add("totals");
        }

    }
}
