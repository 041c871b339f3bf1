// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>A block a source was read at: height, hash (as the node reported it) and the block's own timestamp.</summary>
/// <param name="Height">The height.</param>
/// <param name="Hash">The hash (lowercase hex; 0x-prefixed on EVM chains).</param>
/// <param name="Time">The block timestamp (UTC).</param>
public sealed record PinnedBlock(long Height, string Hash, DateTimeOffset Time);
