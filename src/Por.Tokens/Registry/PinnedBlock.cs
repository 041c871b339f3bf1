// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>A finalized block that reads are pinned to.</summary>
/// <param name="Chain">The chain name.</param>
/// <param name="Height">The block number.</param>
/// <param name="Hash">The block hash, lower-case 0x-hex.</param>
/// <param name="Time">The block's timestamp.</param>
public sealed record PinnedBlock(string Chain, long Height, string Hash, DateTimeOffset Time);
