// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>How far the mint logs of one deployment have been read: every block up to <paramref name="ScannedTo"/>.</summary>
/// <param name="Chain">The chain.</param>
/// <param name="Contract">The contract (lower-case hex).</param>
/// <param name="ScannedTo">The last block whose logs were read.</param>
public sealed record MintScan(string Chain, string Contract, long ScannedTo);
