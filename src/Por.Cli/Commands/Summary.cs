// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Transparent;

namespace Por.Cli.Commands;

/// <summary>Human-readable round summaries.</summary>
internal static class Summary
{
    public static void PrintHeader(TextWriter o, RoundHeader h)
    {
        o.WriteLine($"  round       {h.RoundId}");
        o.WriteLine($"  snapshot    {UtcTime.Format(h.SnapshotTime)}");
        o.WriteLine($"  accounts    {h.AccountCount:N0}");
        o.WriteLine($"  root        {Convert.ToHexStringLower([.. h.Root])}");
        o.WriteLine("  totals (proven liabilities per asset):");
        for (var i = 0; i < h.Assets.Count; i++)
        {
            o.WriteLine($"    {h.Assets[i].Symbol,-8} {AmountText.Format(h.Totals[i], h.Assets[i].Decimals, h.Assets[i].Symbol),40}");
        }
    }
}
