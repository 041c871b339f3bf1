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
        RoundFieldsJson.Write(w, h.RoundId, h.SnapshotTime, h.Assets, h.Totals);
        w.WriteString("parameter_set", h.ParameterSetId);
        w.WriteNumber("batch_count", h.BatchCount);
        w.WriteString("tree_root", ZkDigestHex.Format(h.TreeRoot));
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
    }

    public static ZkRoundHeader Read(JsonElement obj, string file)
    {
        var (roundId, time, assets, totals) = RoundFieldsJson.Read(obj, file);

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
        return new ZkRoundHeader(roundId, time, assets, totals, parameterSet, batchCount, treeRoot, root);
    }
}
