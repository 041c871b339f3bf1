// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary>Human and JSON summaries of a zk round header: everything a zk round reveals, and nothing else.</summary>
internal static class ZkSummary
{
    public static void Print(TextWriter o, ZkRoundHeader h)
    {
        o.WriteLine($"  round          {h.RoundId}");
        o.WriteLine($"  snapshot       {UtcTime.Format(h.SnapshotTime)}");
        o.WriteLine($"  mode           zk (parameter set {h.ParameterSetId})");
        o.WriteLine($"  batches        {h.BatchCount:N0}");
        o.WriteLine($"  tree root      {ZkDigestHex.Format(h.TreeRoot)}");
        o.WriteLine($"  root           {Convert.ToHexStringLower([.. h.Root])}");
        o.WriteLine("  totals (proven liabilities per asset):");
        for (var i = 0; i < h.Assets.Count; i++)
        {
            o.WriteLine($"    {h.Assets[i].Symbol,-8} {AmountText.Format(h.Totals[i], h.Assets[i].Decimals, h.Assets[i].Symbol),40}");
        }
    }

    public static void Write(Utf8JsonWriter w, ZkRoundHeader h)
    {
        w.WriteString("mode", ZkRoundManifest.Mode);
        w.WriteString("round_id", h.RoundId);
        w.WriteString("snapshot_time", UtcTime.Format(h.SnapshotTime));
        w.WriteString("parameter_set", h.ParameterSetId);
        w.WriteNumber("batch_count", h.BatchCount);
        w.WriteString("tree_root", ZkDigestHex.Format(h.TreeRoot));
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
        w.WriteStartObject("totals");
        for (var i = 0; i < h.Assets.Count; i++)
        {
            w.WriteString(h.Assets[i].Symbol, Amount.Format(h.Totals[i], h.Assets[i].Decimals));
        }

        w.WriteEndObject();
    }
}
