// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>The JSON form of <see cref="ZkRoundHeader"/>, shared by zk manifests and zk inclusion files (docs/formats.md §9).</summary>
internal static class ZkRoundHeaderJson
{
    public static readonly string[] Properties = ["round_id", "snapshot_time", "assets", "parameter_set", "batch_count", "tree_root", "root"];

    /// <summary>The most batches a round may have (a top tree of depth ≤ 14 keeps every inclusion path ≤ 32 siblings).</summary>
    public const int MaxBatchCount = 1 << 14;

    public static void Write(Utf8JsonWriter w, ZkRoundHeader h)
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
        w.WriteString("parameter_set", h.ParameterSetId);
        w.WriteNumber("batch_count", h.BatchCount);
        w.WriteString("tree_root", ZkDigestHex.Format(h.TreeRoot));
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
    }

    public static ZkRoundHeader Read(JsonElement obj, string file)
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

        var parameterSet = StrictJson.String(obj, "parameter_set", file, "");
        if (ZkParameterSet.Find(parameterSet) is null)
        {
            throw new InputException(file, 0, "parameter_set", $"unknown parameter set '{parameterSet}': this verifier knows {string.Join(", ", ZkParameterSet.Pinned.Select(p => p.Id))}");
        }

        var batchCount = (int)StrictJson.Integer(obj, "batch_count", file, "", 1, MaxBatchCount);
        if (!ZkDigestHex.TryParse(StrictJson.String(obj, "tree_root", file, ""), out var treeRoot))
        {
            throw new InputException(file, 0, "tree_root", "expected 64 lowercase hex digits: 4 canonical Goldilocks elements");
        }

        var root = StrictJson.Hex(obj, "root", ZkRoundRoot.SizeInBytes, file, "");
        return new ZkRoundHeader(roundId, time, new AssetTable(assets), totals.ToArray(), parameterSet, batchCount, treeRoot, root);
    }
}
