// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.History;

/// <summary>A flagged change between the previous recorded round and this one.</summary>
/// <param name="Kind">The kind of change.</param>
/// <param name="Asset">The asset.</param>
/// <param name="PreviousRound">The round compared with.</param>
/// <param name="Message">A human sentence.</param>
public sealed record HistoryChange(HistoryChangeKind Kind, string Asset, string PreviousRound, string Message);
