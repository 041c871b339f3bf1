// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>Progress of a long step.</summary>
/// <param name="Stage">What is being done.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all, or 0 when unknown.</param>
public readonly record struct BuildProgress(string Stage, long Done, long Total);
