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
        RoundFieldsJson.Write(w, h.RoundId, h.SnapshotTime, h.Assets, h.Totals);
        w.WriteNumber("account_count", h.AccountCount);
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
    }

    public static RoundHeader Read(JsonElement obj, string file)
    {
        var (roundId, time, assets, totals) = RoundFieldsJson.Read(obj, file);

        var count = StrictJson.Integer(obj, "account_count", file, "", 1, 1L << SumTreeHashing.MaxDepth);
        var root = StrictJson.Hex(obj, "root", 32, file, "");
        return new RoundHeader(roundId, time, assets, totals, count, root);
    }
}
