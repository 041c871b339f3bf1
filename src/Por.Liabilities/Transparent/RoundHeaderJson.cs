// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>The JSON form of <see cref="RoundHeader"/>, shared by manifests and inclusion files (docs/formats.md §6).</summary>
internal static class RoundHeaderJson
{
    public static readonly string[] Properties = ["round_id", "snapshot_time", "assets", "account_count", "root"];

    public static void Write(Utf8JsonWriter w, RoundHeader h)
    {
        w.WriteString("round_id", h.RoundId);
        w.WriteString("snapshot_time", UtcTime.Format(h.SnapshotTime));
        w.WriteStartArray("assets");
        for (var i = 0; i < h.Assets.Count; i++)
        {
            var a = h.Assets[i];
            w.WriteStartObject();
            w.WriteString("symbol", a.Symbol);
            w.WriteNumber("decimals", a.Decimals);
            w.WriteString("total", Amount.Format(h.Totals[i], a.Decimals));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("account_count", h.AccountCount);
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
    }

    public static RoundHeader Read(JsonElement obj, string file)
    {
        var roundId = StrictJson.String(obj, "round_id", file, "");
        var error = RoundIds.Validate(roundId);
        if (error is not null)
        {
            throw new InputException(file, 0, "round_id", error);
        }

        var time = StrictJson.Time(obj, "snapshot_time", file, "");
        var list = StrictJson.Array(obj, "assets", file, "");
        var assets = new List<Asset>();
        var totals = new List<ulong>();
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var path = $"assets[{i++}]";
            StrictJson.ExpectObject(e, file, path, ["symbol", "decimals", "total"]);
            var symbol = StrictJson.String(e, "symbol", file, path);
            var decimals = (byte)StrictJson.Integer(e, "decimals", file, path, 0, Asset.MaxDecimals);
            if (!Asset.IsValidSymbol(symbol) || assets.Any(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, $"{path}.symbol", "malformed or repeated asset symbol");
            }

            var total = StrictJson.String(e, "total", file, path);
            if (!Amount.TryParseCanonical(total, decimals, out var units))
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

        var count = StrictJson.Integer(obj, "account_count", file, "", 1, 1L << SumTreeHashing.MaxDepth);
        var root = StrictJson.Hex(obj, "root", 32, file, "");
        return new RoundHeader(roundId, time, new AssetTable(assets), totals.ToArray(), count, root);
    }
}
