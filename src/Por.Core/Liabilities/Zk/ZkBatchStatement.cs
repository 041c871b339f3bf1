// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Por.Stark.Field;

namespace Por.Core.Liabilities.Zk;

/// <summary>
/// The public statement of one batch proof. Everything here is absorbed into the proof's transcript (through
/// <see cref="LiabilitiesAir.GetPublicInputBytes"/>), so a proof verifies only against exactly this statement.
/// </summary>
/// <param name="ParameterSetId">Id of the pinned parameter set (shape and STARK options).</param>
/// <param name="ContextDigest">SHA-256 of the round context: round id, snapshot time, asset table (symbols, decimals).</param>
/// <param name="BatchIndex">b, 0-based.</param>
/// <param name="BatchCount">B.</param>
/// <param name="AccountsPerBatch">N, a power of two.</param>
/// <param name="Root">The batch root R_b (4 elements).</param>
/// <param name="Totals">Per-asset totals proven for this batch, asset id = index + 1 (each &lt; 2^88).</param>
public sealed record ZkBatchStatement(
    string ParameterSetId,
    byte[] ContextDigest,
    int BatchIndex,
    int BatchCount,
    int AccountsPerBatch,
    Goldilocks[] Root,
    IReadOnlyList<UInt128> Totals)
{
    /// <summary>Largest total an asset may have in one batch (the carry argument needs T_hi &lt; 2^56).</summary>
    public static readonly UInt128 MaxTotal = (UInt128.One << 88) - 1;

    /// <summary>Checks the statement's shape; returns why it is invalid, or null.</summary>
    /// <returns>The reason, or null.</returns>
    public string? Validate()
    {
        if (ContextDigest is not { Length: 32 })
        {
            return "context digest must be 32 bytes";
        }

        if (BatchCount < 1 || BatchIndex < 0 || BatchIndex >= BatchCount)
        {
            return "batch index out of range";
        }

        if (AccountsPerBatch < 2 || !System.Numerics.BitOperations.IsPow2(AccountsPerBatch))
        {
            return "accounts per batch must be a power of two ≥ 2";
        }

        if (Root is not { Length: ZkAccountEncoding.DigestSize })
        {
            return "root must be 4 elements";
        }

        if (Totals is null || Totals.Count < 1 || Totals.Count > ZkAccountEncoding.MaxAssetId)
        {
            return "asset count must be 1..65535";
        }

        return Totals.Any(t => t > MaxTotal) ? "a total exceeds 2^88 − 1" : null;
    }

    /// <summary>Canonical bytes: lengths and values little-endian.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        byte[] id = Encoding.UTF8.GetBytes(ParameterSetId);
        var bytes = new byte[4 + id.Length + 32 + 12 + 32 + 4 + (16 * Totals.Count)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, id.Length);
        id.CopyTo(span[4..]);
        span = span[(4 + id.Length)..];
        ContextDigest.CopyTo(span);
        span = span[32..];
        BinaryPrimitives.WriteInt32LittleEndian(span, BatchIndex);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], BatchCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], AccountsPerBatch);
        span = span[12..];
        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            Root[i].WriteTo(span[(8 * i)..]);
        }

        span = span[32..];
        BinaryPrimitives.WriteInt32LittleEndian(span, Totals.Count);
        span = span[4..];
        foreach (UInt128 total in Totals)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(span, total);
            span = span[16..];
        }

        return bytes;
    }
}
