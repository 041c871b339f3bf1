// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The public statement of one batch proof. Everything here is absorbed into the proof's transcript (through
/// <see cref="LiabilitiesAir.GetPublicInputBytes"/>), so a proof verifies only against exactly this statement.
/// Batch b proves S_b = S_{b−1} + (its sums) for openings of K_{b−1} = <see cref="ChainIn"/> and, unless it is the
/// last batch, K_b = <see cref="ChainOut"/>; the last batch (b = B − 1) publishes S_{B−1} = the round totals instead of
/// K_b (docs/liabilities-zk.md §1).
/// </summary>
/// <param name="ParameterSetId">Id of the pinned parameter set (shape and STARK options).</param>
/// <param name="ContextDigest">SHA-256 of the round context: round id, snapshot time, asset table (symbols, decimals).</param>
/// <param name="BatchIndex">b, 0-based.</param>
/// <param name="BatchCount">B.</param>
/// <param name="AccountsPerBatch">N, a power of two.</param>
/// <param name="Root">The batch root R_b (4 elements).</param>
/// <param name="AssetCount">A.</param>
/// <param name="ChainIn">K_{b−1} (4 elements); for b = 0 the zero commitment K_{−1}.</param>
/// <param name="ChainOut">K_b (4 elements) when b &lt; B − 1; empty for the last batch.</param>
/// <param name="Totals">The round's per-asset totals S_{B−1} (asset id = index + 1, each &lt; 2^88) in the last batch; empty otherwise.</param>
public sealed record ZkBatchStatement(
    string ParameterSetId,
    byte[] ContextDigest,
    int BatchIndex,
    int BatchCount,
    int AccountsPerBatch,
    Goldilocks[] Root,
    int AssetCount,
    Goldilocks[] ChainIn,
    Goldilocks[] ChainOut,
    IReadOnlyList<UInt128> Totals)
{
    /// <summary>Largest running total of an asset (the limbs prove S_hi &lt; 2^56, S_lo &lt; 2^32).</summary>
    public static readonly UInt128 MaxTotal = (UInt128.One << 88) - 1;

    /// <summary>True for the last batch of the round (it publishes the totals).</summary>
    public bool IsFinal => BatchIndex == BatchCount - 1;

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

        if (Root is not { Length: ZkAccountEncoding.DigestSize } || ChainIn is not { Length: ZkAccountEncoding.DigestSize })
        {
            return "root and chain-in commitment must be 4 elements";
        }

        if (AssetCount is < 1 or > ZkAccountEncoding.MaxAssetId)
        {
            return "asset count must be 1..65535";
        }

        if (ChainOut is null || Totals is null)
        {
            return "chain-out commitment and totals must be present (possibly empty)";
        }

        if (IsFinal)
        {
            if (ChainOut.Length != 0 || Totals.Count != AssetCount)
            {
                return "the last batch publishes A totals and no chain-out commitment";
            }
        }
        else if (ChainOut.Length != ZkAccountEncoding.DigestSize || Totals.Count != 0)
        {
            return "a batch before the last publishes a chain-out commitment and no totals";
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
        ReadOnlySpan<byte> all = bytes;
        if (bytes.Length < 4)
        {
            return false;
        }

        int idLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (idLength is < 1 or > 64 || bytes.Length < 4 + idLength + 32 + 12 + 32 + 4 + 32)
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
        if (!TryReadDigest(ref bytes, out Goldilocks[] root))
        {
            return false;
        }

        int assets = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes = bytes[4..];
        if (assets is < 1 or > ZkAccountEncoding.MaxAssetId || !TryReadDigest(ref bytes, out Goldilocks[] chainIn))
        {
            return false;
        }

        Goldilocks[] chainOut = [];
        UInt128[] totals = [];
        if (index == count - 1)
        {
            if (bytes.Length != 16 * assets)
            {
                return false;
            }

            totals = new UInt128[assets];
            for (int a = 0; a < assets; a++)
            {
                totals[a] = BinaryPrimitives.ReadUInt128LittleEndian(bytes[(16 * a)..]);
            }
        }
        else if (bytes.Length != 8 * ZkAccountEncoding.DigestSize || !TryReadDigest(ref bytes, out chainOut))
        {
            return false;
        }

        var parsed = new ZkBatchStatement(id, context, index, count, perBatch, root, assets, chainIn, chainOut, totals);
        if (parsed.Validate() is not null || !parsed.ToBytes().AsSpan().SequenceEqual(all))
        {
            return false;
        }

        statement = parsed;
        return true;
    }

    /// <summary>
    /// Canonical bytes, little-endian: i32 id length ‖ id ‖ context ‖ i32 b ‖ i32 B ‖ i32 N ‖ root ‖ i32 A ‖ K_in ‖
    /// (K_out when b &lt; B − 1, else A × u128 totals).
    /// </summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        byte[] id = Encoding.UTF8.GetBytes(ParameterSetId);
        int digests = 2 + (ChainOut.Length / ZkAccountEncoding.DigestSize);
        var bytes = new byte[4 + id.Length + 32 + 12 + 4 + (8 * ZkAccountEncoding.DigestSize * digests) + (16 * Totals.Count)];
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
        span = WriteElements(span, Root);
        BinaryPrimitives.WriteInt32LittleEndian(span, AssetCount);
        span = span[4..];
        span = WriteElements(span, ChainIn);
        span = WriteElements(span, ChainOut);
        foreach (UInt128 total in Totals)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(span, total);
            span = span[16..];
        }

        return bytes;
    }

    private static Span<byte> WriteElements(Span<byte> span, Goldilocks[] elements)
    {
        for (int i = 0; i < elements.Length; i++)
        {
            elements[i].WriteTo(span[(8 * i)..]);
        }

        return span[(8 * elements.Length)..];
    }

    private static bool TryReadDigest(ref ReadOnlySpan<byte> bytes, out Goldilocks[] digest)
    {
        digest = new Goldilocks[ZkAccountEncoding.DigestSize];
        if (bytes.Length < 8 * digest.Length)
        {
            return false;
        }

        for (int i = 0; i < digest.Length; i++)
        {
            if (!Goldilocks.TryRead(bytes[(8 * i)..], out digest[i]))
            {
                return false;
            }
        }

        bytes = bytes[(8 * digest.Length)..];
        return true;
    }
}
