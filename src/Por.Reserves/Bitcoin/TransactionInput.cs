// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Bitcoin;

/// <summary>A transaction input as serialised (prevout txid in internal byte order).</summary>
/// <param name="PreviousTxid">32 bytes, internal order.</param>
/// <param name="PreviousIndex">Output index.</param>
/// <param name="ScriptSig">The unlocking script.</param>
/// <param name="Sequence">nSequence.</param>
/// <param name="Witness">The witness stack (empty when none).</param>
internal sealed record TransactionInput(byte[] PreviousTxid, uint PreviousIndex, byte[] ScriptSig, uint Sequence, IReadOnlyList<byte[]> Witness);
