// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// Everything one batch's prover needs and nothing more (docs/distributed.md "Work units"): the plan it belongs to, the
/// parameter set, the context, its position, the incoming opening (S_{b−1}, r_{b−1}), the planned outgoing opening
/// (S_b, r_b) and its N leaves as the prover takes them (id commitment C and holdings; padding leaves included, not
/// marked). No account id, no salt and no other batch's data: C hides the id. Travels only encrypted
/// (<see cref="ZkUnitCipher"/>).
/// </summary>
/// <param name="PlanId">The plan's id (16 bytes).</param>
/// <param name="ParameterSetId">The pinned parameter set.</param>
/// <param name="ContextDigest">The round context digest (32 bytes).</param>
/// <param name="BatchIndex">b.</param>
/// <param name="BatchCount">B.</param>
/// <param name="Incoming">(S_{b−1}, r_{b−1}); the zero opening for b = 0.</param>
/// <param name="Outgoing">(S_b, r_b) as planned.</param>
/// <param name="Accounts">The batch's N leaves in leaf order.</param>
public sealed record ZkWorkUnit(
    byte[] PlanId, string ParameterSetId, byte[] ContextDigest, int BatchIndex, int BatchCount, ZkChainOpening Incoming, ZkChainOpening Outgoing, IReadOnlyList<ZkAccount> Accounts)
{
    private static ReadOnlySpan<byte> Magic => "PORWU\0\0\u0001"u8;

    /// <summary>A: the number of assets (from the openings).</summary>
    public int AssetCount => Outgoing.Totals.Length;

    /// <summary>Plaintext bytes (little-endian): magic ‖ plan id ‖ u8 L ‖ set id ‖ context ‖ i32 b ‖ i32 B ‖ i32 N ‖ incoming opening ‖ outgoing opening ‖ N × (C: 4 × u64 ‖ u16 k ‖ k × (u16 asset index ‖ u64 amount)).</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        Span<byte> n = stackalloc byte[8];
        ms.Write(Magic);
        ms.Write(PlanId);
        var id = Encoding.UTF8.GetBytes(ParameterSetId);
        ms.WriteByte((byte)id.Length);
        ms.Write(id);
        ms.Write(ContextDigest);
        foreach (var v in new[] { BatchIndex, BatchCount, Accounts.Count })
        {
            BinaryPrimitives.WriteInt32LittleEndian(n, v);
            ms.Write(n[..4]);
        }

        ms.Write(Incoming.ToBytes());
        ms.Write(Outgoing.ToBytes());
        foreach (var account in Accounts)
        {
            foreach (var e in account.IdCommitment)
            {
                e.WriteTo(n);
                ms.Write(n);
            }

            BinaryPrimitives.WriteUInt16LittleEndian(n, (ushort)account.Holdings.Length);
            ms.Write(n[..2]);
            foreach (var h in account.Holdings)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(n, h.Asset);
                ms.Write(n[..2]);
                BinaryPrimitives.WriteUInt64LittleEndian(n, h.Amount);
                ms.Write(n);
            }
        }

        return ms.ToArray();
    }

    /// <summary>Parses <see cref="ToBytes"/> output strictly: exact length, canonical elements, a pinned set, N = the set's, openings of the same A, canonical holdings with asset indices below A.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>Whether the bytes are a well-formed unit.</returns>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkWorkUnit? unit)
    {
        unit = null;
        try
        {
            unit = Parse(bytes);
            return unit is not null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static ZkWorkUnit? Parse(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.StartsWith(Magic))
        {
            return null;
        }

        var at = Magic.Length;
        var planId = bytes.Slice(at, ZkRoundPlan.PlanIdLength).ToArray();
        at += ZkRoundPlan.PlanIdLength;
        int idLength = bytes[at++];
        var setId = Encoding.UTF8.GetString(bytes.Slice(at, idLength));
        at += idLength;
        var set = ZkParameterSet.Find(setId);
        if (set is null)
        {
            return null;
        }

        var context = bytes.Slice(at, 32).ToArray();
        at += 32;
        var b = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
        var n = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 8)..]);
        at += 12;
        if (count is < 1 or > ZkRoundHeaderJson.MaxBatchCount || b < 0 || b >= count || n != set.AccountsPerBatch)
        {
            return null;
        }

        if (!ReadOpening(bytes, ref at, out var incoming) || !ReadOpening(bytes, ref at, out var outgoing) || incoming.Totals.Length != outgoing.Totals.Length)
        {
            return null;
        }

        var assets = outgoing.Totals.Length;
        var accounts = new ZkAccount[n];
        for (var i = 0; i < n; i++)
        {
            var c = new Goldilocks[ZkAccountEncoding.DigestSize];
            for (var j = 0; j < c.Length; j++)
            {
                if (!Goldilocks.TryRead(bytes[at..], out c[j]))
                {
                    return null;
                }

                at += 8;
            }

            int k = BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);
            at += 2;
            var holdings = new Holding[k];
            for (var j = 0; j < k; j++)
            {
                holdings[j] = new Holding(BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[(at + 2)..]));
                at += 10;
                if (holdings[j].Asset >= assets)
                {
                    return null;
                }
            }

            if (!ZkAccountEncoding.IsCanonical(holdings))
            {
                return null;
            }

            accounts[i] = new ZkAccount(c, holdings);
        }

        return at == bytes.Length ? new ZkWorkUnit(planId, set.Id, context, b, count, incoming, outgoing, accounts) : null;
    }

    private static bool ReadOpening(ReadOnlySpan<byte> bytes, ref int at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkChainOpening? opening)
    {
        opening = null;
        const int Fixed = 8 + (8 * ZkAccountEncoding.DigestSize);
        if (bytes.Length - at < Fixed)
        {
            return false;
        }

        var assets = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
        if (assets is < 1 or > ZkAccountEncoding.MaxAssetId || bytes.Length - at < Fixed + (16 * assets))
        {
            return false;
        }

        var length = Fixed + (16 * assets);
        if (!ZkChainOpening.TryParse(bytes.Slice(at, length), out opening))
        {
            return false;
        }

        at += length;
        return true;
    }
}
