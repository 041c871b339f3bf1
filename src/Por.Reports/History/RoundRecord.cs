// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Reports.History;

/// <summary>A round as kept in the history store.</summary>
/// <param name="RoundId">Round id.</param>
/// <param name="SnapshotTime">Snapshot time (UTC, whole seconds).</param>
/// <param name="AccountCount">Accounts in the liabilities tree, or null when the mode keeps the count secret (zk).</param>
/// <param name="Root">Round root, lowercase hex.</param>
/// <param name="Mode">The liabilities mode.</param>
/// <param name="Assets">Assets ordered by symbol.</param>
public sealed record RoundRecord(string RoundId, DateTimeOffset SnapshotTime, long? AccountCount, string Root, RoundMode Mode, IReadOnlyList<AssetRecord> Assets)
{
    /// <summary>Total liabilities in USD.</summary>
    public ExactNumber LiabilitiesUsd => Assets.Aggregate(ExactNumber.Zero, (s, a) => s + a.LiabilitiesUsd);

    /// <summary>Total verified reserves in USD.</summary>
    public ExactNumber ReservesUsd => Assets.Aggregate(ExactNumber.Zero, (s, a) => s + a.ReservesUsd);

    /// <summary>Symbols with non-zero liabilities.</summary>
    public IEnumerable<string> LiabilityAssets => Assets.Where(a => a.LiabilitiesBase != UInt128.Zero).Select(a => a.Symbol);
}
