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

    /// <summary>Parses <see cref="ToBytes"/> output strictly (canonical elements, no trailing bytes).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="statement">The statement.</param>
    /// <returns>True when well-formed and valid.</returns>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkBatchStatement? statement)
    {
        statement = null;
        if (bytes.Length < 4)
        {
            return false;
        }

        int idLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (idLength is < 1 or > 64 || bytes.Length < 4 + idLength + 32 + 12 + 32 + 4)
        {
            return false;
        }

        string id = Encoding.UTF8.GetString(bytes.Slice(4, idLength));
        bytes = bytes[(4 + idLength)..];
        byte[] context = bytes[..32].ToArray();
        bytes = bytes[32..];
        int index = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        int perBatch = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        bytes = bytes[12..];
        var root = new Goldilocks[ZkAccountEncoding.DigestSize];
        for (int i = 0; i < root.Length; i++)
        {
            if (!Goldilocks.TryRead(bytes[(8 * i)..], out root[i]))
            {
                return false;
            }
        }

        bytes = bytes[32..];
        int assets = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes = bytes[4..];
        if (assets is < 1 or > ZkAccountEncoding.MaxAssetId || bytes.Length != 16 * assets)
        {
            return false;
        }

        var totals = new UInt128[assets];
        for (int a = 0; a < assets; a++)
        {
            totals[a] = BinaryPrimitives.ReadUInt128LittleEndian(bytes[(16 * a)..]);
        }

        var parsed = new ZkBatchStatement(id, context, index, count, perBatch, root, totals);
        if (parsed.Validate() is not null || !parsed.ToBytes().AsSpan().SequenceEqual(Concat(id, context, index, count, perBatch, root, totals)))
        {
            return false;
        }

        statement = parsed;
        return true;
    }

    /// <summary>Canonical bytes: lengths and values little-endian.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes() => Concat(ParameterSetId, ContextDigest, BatchIndex, BatchCount, AccountsPerBatch, Root, Totals);

    private static byte[] Concat(string parameterSetId, byte[] contextDigest, int batchIndex, int batchCount, int accountsPerBatch, Goldilocks[] root, IReadOnlyList<UInt128> totals)
    {
        byte[] id = Encoding.UTF8.GetBytes(parameterSetId);
        var bytes = new byte[4 + id.Length + 32 + 12 + 32 + 4 + (16 * totals.Count)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, id.Length);
        id.CopyTo(span[4..]);
        span = span[(4 + id.Length)..];
        contextDigest.CopyTo(span);
        span = span[32..];
        BinaryPrimitives.WriteInt32LittleEndian(span, batchIndex);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], batchCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], accountsPerBatch);
        span = span[12..];
        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            root[i].WriteTo(span[(8 * i)..]);
        }

        span = span[32..];
        BinaryPrimitives.WriteInt32LittleEndian(span, totals.Count);
        span = span[4..];
        foreach (UInt128 total in totals)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(span, total);
            span = span[16..];
        }

        return bytes;
    }
}
