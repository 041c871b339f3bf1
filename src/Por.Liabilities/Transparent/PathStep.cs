// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>One sibling on a customer's path to the top of the tree.</summary>
/// <param name="Digest">The sibling's 32-byte digest.</param>
/// <param name="Sums">The sibling's per-asset sums, dense by asset id.</param>
public sealed record PathStep(IReadOnlyList<byte> Digest, IReadOnlyList<ulong> Sums);
