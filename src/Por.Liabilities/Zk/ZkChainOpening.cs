// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The private opening (running totals S, blinding r) of a chain commitment K (docs/liabilities-zk.md §1):
/// h_0 = r, h_a = c(h_{a−1}, (S_a mod 2^32, S_a div 2^32, a, 0)) for a = 1..A, K = h_A, with c the Poseidon2 compression
/// of the account tree. r is four uniform field elements from the OS CSPRNG, so K hides S; K binds (r, S) because c is
/// collision resistant and A is fixed by the statement. The zero opening (S = 0, r = 0) gives the public K_{−1}.
/// </summary>
/// <param name="Totals">Running per-asset totals S_a (asset id = index + 1), each ≤ <see cref="ZkBatchStatement.MaxTotal"/>.</param>
/// <param name="Blinding">r, 4 canonical elements.</param>
public sealed record ZkChainOpening(UInt128[] Totals, Goldilocks[] Blinding)
{
    private const uint Magic = 0x4e43_4b5a; // "ZKCN"
    private const int HeaderLength = 8 + (8 * ZkAccountEncoding.DigestSize);

    /// <summary>The public starting point: zero totals, zero blinding.</summary>
    /// <param name="assetCount">A.</param>
    /// <returns>The zero opening.</returns>
    public static ZkChainOpening Zero(int assetCount) => new(new UInt128[assetCount], new Goldilocks[ZkAccountEncoding.DigestSize]);

    /// <summary>An opening of <paramref name="totals"/> with a fresh blinding from the OS CSPRNG.</summary>
    /// <param name="totals">S.</param>
    /// <returns>The opening.</returns>
    public static ZkChainOpening Random(UInt128[] totals) => Random(totals, null);

    /// <summary>An opening of <paramref name="totals"/> with a fresh blinding from <paramref name="source"/>.</summary>
    /// <param name="totals">S.</param>
    /// <param name="source">Null for the OS CSPRNG; a deterministic source only in tests (plan determinism).</param>
    /// <returns>The opening.</returns>
    public static ZkChainOpening Random(UInt128[] totals, Por.Stark.Randomness.IRandomSource? source)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var blinding = new Goldilocks[ZkAccountEncoding.DigestSize];
        Span<byte> bytes = stackalloc byte[8];
        for (int i = 0; i < blinding.Length; i++)
        {
            // Rejection sampling keeps every element uniform in [0, p).
            ulong v;
            do
            {
                if (source is null)
                {
                    RandomNumberGenerator.Fill(bytes);
                }
                else
                {
                    source.Fill(bytes);
                }

                v = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            }
            while (v >= Goldilocks.Modulus);
            blinding[i] = new Goldilocks(v);
        }

        return new ZkChainOpening(totals, blinding);
    }

    /// <summary>The commitment block of asset a (1-based): (S_a mod 2^32, S_a div 2^32, a, 0).</summary>
    /// <param name="total">S_a.</param>
    /// <param name="assetId">a.</param>
    /// <param name="block">Destination, 4 elements.</param>
    public static void Block(UInt128 total, int assetId, Span<Goldilocks> block)
    {
        block[0] = new Goldilocks((ulong)(total & 0xFFFF_FFFFUL));
        block[1] = new Goldilocks((ulong)(total >> 32));
        block[2] = new Goldilocks((ulong)assetId);
        block[3] = Goldilocks.Zero;
    }

    /// <summary>K = the chain over every asset, starting from the blinding.</summary>
    /// <returns>4 elements.</returns>
    public Goldilocks[] Commit()
    {
        Goldilocks[] h = [.. Blinding];
        Span<Goldilocks> block = stackalloc Goldilocks[ZkAccountEncoding.DigestSize];
        for (int a = 0; a < Totals.Length; a++)
        {
            Block(Totals[a], a + 1, block);
            h = ZkAccountEncoding.Node(h, block);
        }

        return h;
    }

    /// <summary>Private file bytes: u32 magic ‖ i32 A ‖ r (4 × u64) ‖ A × u128, little-endian.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[8 + (8 * ZkAccountEncoding.DigestSize) + (16 * Totals.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Totals.Length);
        for (int i = 0; i < ZkAccountEncoding.DigestSize; i++)
        {
            Blinding[i].WriteTo(bytes.AsSpan(8 + (8 * i)));
        }

        int offset = 8 + (8 * ZkAccountEncoding.DigestSize);
        foreach (UInt128 total in Totals)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(offset), total);
            offset += 16;
        }

        return bytes;
    }

    /// <summary>Parses <see cref="ToBytes"/> output strictly.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="opening">The opening.</param>
    /// <returns>True when well-formed (canonical elements, totals in range, exact length).</returns>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkChainOpening? opening)
    {
        opening = null;
        if (bytes.Length < HeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            return false;
        }

        int assets = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (assets is < 1 or > ZkAccountEncoding.MaxAssetId || bytes.Length != HeaderLength + (16 * assets))
        {
            return false;
        }

        var blinding = new Goldilocks[ZkAccountEncoding.DigestSize];
        for (int i = 0; i < blinding.Length; i++)
        {
            if (!Goldilocks.TryRead(bytes[(8 + (8 * i))..], out blinding[i]))
            {
                return false;
            }
        }

        var totals = new UInt128[assets];
        for (int a = 0; a < assets; a++)
        {
            totals[a] = BinaryPrimitives.ReadUInt128LittleEndian(bytes[(HeaderLength + (16 * a))..]);
            if (totals[a] > ZkBatchStatement.MaxTotal)
            {
                return false;
            }
        }

        opening = new ZkChainOpening(totals, blinding);
        return true;
    }
}
