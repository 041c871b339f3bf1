// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Bitcoin;

/// <summary>A transaction output.</summary>
/// <param name="Value">Amount in satoshis.</param>
/// <param name="ScriptPubKey">The locking script.</param>
internal sealed record TransactionOutput(ulong Value, byte[] ScriptPubKey);
