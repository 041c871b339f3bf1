// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.History;

/// <summary>What changed from the previous recorded round.</summary>
public enum HistoryChangeKind
{
    /// <summary>An asset's reserve ratio is lower than in the previous round.</summary>
    RatioDrop,

    /// <summary>An asset has customer liabilities now and had none in the previous round.</summary>
    AssetAdded,

    /// <summary>An asset had customer liabilities in the previous round and has none now.</summary>
    AssetRemoved,
}
