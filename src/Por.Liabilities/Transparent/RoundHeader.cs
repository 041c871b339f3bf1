// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>The public facts of a round that both the manifest and every inclusion file carry, all bound by the root.</summary>
/// <param name="RoundId">The round id.</param>
/// <param name="SnapshotTime">The snapshot time (UTC, whole seconds).</param>
/// <param name="Assets">The asset table.</param>
/// <param name="Totals">Per-asset totals in base units, by asset id.</param>
/// <param name="AccountCount">The number of accounts.</param>
/// <param name="Root">The 32-byte round root.</param>
public sealed record RoundHeader(string RoundId, DateTimeOffset SnapshotTime, AssetTable Assets, IReadOnlyList<ulong> Totals, long AccountCount, IReadOnlyList<byte> Root)
{
    /// <summary>The descriptor the root binds.</summary>
    public RoundDescriptor Descriptor => new(RoundId, SnapshotTime, Assets, AccountCount);

    /// <summary>Whether every field equals <paramref name="other"/>'s.</summary>
    /// <param name="other">The other header.</param>
    /// <returns>A list of the fields that differ (empty when equal).</returns>
    public IReadOnlyList<string> Differences(RoundHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var d = new List<string>();
        RoundFieldsJson.AddDifferences(d, RoundId, SnapshotTime, Assets, Totals, other.RoundId, other.SnapshotTime, other.Assets, other.Totals);

        if (AccountCount != other.AccountCount)
        {
            d.Add("account_count");
        }

        if (!Root.SequenceEqual(other.Root))
        {
            d.Add("root");
        }

        return d;
    }
}
