// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>One asset balance of one account, in base units.</summary>
/// <param name="Asset">The asset id (index into the round's <see cref="AssetTable"/>).</param>
/// <param name="Amount">The balance in base units.</param>
public readonly record struct Holding(ushort Asset, ulong Amount);
