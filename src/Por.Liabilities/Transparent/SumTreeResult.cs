// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>The top of a computed sum tree.</summary>
/// <param name="TopDigest">The digest at the top of the tree (the leaf digest when there is one account).</param>
/// <param name="Totals">The per-asset sums at the top, dense by asset id.</param>
internal sealed record SumTreeResult(byte[] TopDigest, ulong[] Totals);
