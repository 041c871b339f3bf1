// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Commitments;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// A STARK proof in the versioned canonical binary format (docs/stark.md §6). Decoding needs the
/// <see cref="ProofShape"/> derived from pinned options, so every count except the number of opened leaves is
/// fixed in advance; opened-leaf counts are checked against the verifier's own query positions. Non-canonical
/// field elements, wrong lengths and trailing bytes are rejected.
/// </summary>
public sealed class StarkProof
{
    /// <summary>The 8-byte magic.</summary>
    public static ReadOnlySpan<byte> Magic => "PORSTARK"u8;

    /// <summary>The format version (2: the header is absorbed into the transcript and the DEEP check has a degree correction).</summary>
    public const ushort CurrentVersion = 2;

    /// <summary>Flag bit: the prover used a deterministic (test-mode) random source.</summary>
    public const byte TestModeFlag = 0x01;

    internal StarkProof()
    {
    }

    /// <summary>Whether the proof was made in deterministic test mode (no zero knowledge).</summary>
    public bool IsTestMode { get; internal set; }

    /// <summary>The flags byte as encoded (and absorbed into the transcript).</summary>
    public byte Flags => IsTestMode ? TestModeFlag : (byte)0;

    /// <summary>Main-trace root.</summary>
    public byte[] MainRoot { get; internal set; } = [];

    /// <summary>Auxiliary-trace root (empty without an auxiliary segment).</summary>
    public byte[] AuxRoot { get; internal set; } = [];

    /// <summary>Quotient-chunk and DEEP-mask root.</summary>
    public byte[] QuotientRoot { get; internal set; } = [];

    /// <summary>Main columns at z.</summary>
    public GoldilocksExt3[] OodMainCurrent { get; internal set; } = [];

    /// <summary>Main columns at g·z.</summary>
    public GoldilocksExt3[] OodMainNext { get; internal set; } = [];

    /// <summary>Auxiliary columns at z.</summary>
    public GoldilocksExt3[] OodAuxCurrent { get; internal set; } = [];

    /// <summary>Auxiliary columns at g·z.</summary>
    public GoldilocksExt3[] OodAuxNext { get; internal set; } = [];

    /// <summary>Quotient chunks at z.</summary>
    public GoldilocksExt3[] OodChunks { get; internal set; } = [];

    /// <summary>FRI layer roots.</summary>
    public byte[][] FriRoots { get; internal set; } = [];

    /// <summary>Remainder polynomial coefficients.</summary>
    public GoldilocksExt3[] Remainder { get; internal set; } = [];

    /// <summary>Proof-of-work nonce.</summary>
    public ulong PowNonce { get; internal set; }

    /// <summary>Main-trace openings.</summary>
    public TreeOpening MainOpening { get; internal set; } = Empty;

    /// <summary>Auxiliary openings (empty without an auxiliary segment).</summary>
    public TreeOpening AuxOpening { get; internal set; } = Empty;

    /// <summary>Quotient openings.</summary>
    public TreeOpening QuotientOpening { get; internal set; } = Empty;

    /// <summary>FRI layer openings (each leaf: folding-factor extension values).</summary>
    public TreeOpening[] FriOpenings { get; internal set; } = [];

    private static TreeOpening Empty { get; } = new([], [], []);

    /// <summary>The canonical OOD frame encoding absorbed by the transcript.</summary>
    /// <returns>The bytes.</returns>
    public byte[] EncodeOodFrame()
    {
        var w = new ByteWriter();
        WriteExt(w, OodMainCurrent);
        WriteExt(w, OodMainNext);
        WriteExt(w, OodAuxCurrent);
        WriteExt(w, OodAuxNext);
        WriteExt(w, OodChunks);
        return w.ToArray();
    }

    /// <summary>The canonical remainder encoding absorbed by the transcript.</summary>
    /// <returns>The bytes.</returns>
    public byte[] EncodeRemainder()
    {
        var w = new ByteWriter();
        WriteExt(w, Remainder);
        return w.ToArray();
    }

    /// <summary>Serializes the proof.</summary>
    /// <returns>The canonical bytes.</returns>
    public byte[] Encode() => Encode(null);

    /// <summary>The named byte regions of the encoding (for mutation tests and size reports).</summary>
    /// <returns>(name, offset, length) triples in order.</returns>
    public IReadOnlyList<(string Name, int Offset, int Length)> GetRegions()
    {
        var regions = new List<(string Name, int Offset, int Length)>();
        Encode(regions);
        return regions;
    }

    private byte[] Encode(List<(string Name, int Offset, int Length)>? regions)
    {
        var w = new ByteWriter();
        void Mark(string name, int start) => regions?.Add((name, start, w.Length - start));
        int at = w.Length;
        w.Write(Magic);
        w.WriteUInt16(CurrentVersion);
        w.WriteByte(Flags);
        Mark("header", at);
        at = w.Length;
        w.Write(MainRoot);
        Mark("main-root", at);
        at = w.Length;
        w.Write(AuxRoot);
        Mark("aux-root", at);
        at = w.Length;
        w.Write(QuotientRoot);
        Mark("quotient-root", at);
        at = w.Length;
        w.Write(EncodeOodFrame());
        Mark("ood-frame", at);
        at = w.Length;
        foreach (byte[] root in FriRoots)
        {
            w.Write(root);
        }

        Mark("fri-roots", at);
        at = w.Length;
        w.Write(EncodeRemainder());
        Mark("remainder", at);
        at = w.Length;
        w.WriteUInt64(PowNonce);
        Mark("pow-nonce", at);
        WriteOpening(w, MainOpening, "main", Mark);
        if (AuxRoot.Length > 0)
        {
            WriteOpening(w, AuxOpening, "aux", Mark);
        }

        WriteOpening(w, QuotientOpening, "quotient", Mark);
        for (int k = 0; k < FriOpenings.Length; k++)
        {
            WriteOpening(w, FriOpenings[k], "fri-layer-" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), Mark);
        }

        regions?.RemoveAll(r => r.Length == 0);
        return w.ToArray();
    }

    /// <summary>Parses a proof whose layout must match <paramref name="shape"/> exactly.</summary>
    /// <param name="bytes">The proof bytes.</param>
    /// <param name="shape">The shape derived from the verifier's pinned options.</param>
    /// <param name="proof">The parsed proof.</param>
    /// <param name="error">Why parsing failed.</param>
    /// <returns>False for any malformed, non-canonical, short or over-long input.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, ProofShape shape, out StarkProof? proof, out string error)
    {
        ArgumentNullException.ThrowIfNull(shape);
        proof = null;
        var r = new ByteReader(bytes);
        var p = new StarkProof();
        int f = shape.Options.FriFoldingFactor;
        if (!r.TryRead(Magic.Length, out ReadOnlySpan<byte> magic) || !magic.SequenceEqual(Magic))
        {
            error = "bad magic";
            return false;
        }

        if (!r.TryReadUInt16(out ushort version) || version != CurrentVersion)
        {
            error = "unsupported version";
            return false;
        }

        if (!r.TryReadByte(out byte flags) || (flags & ~TestModeFlag) != 0)
        {
            error = "unknown flags";
            return false;
        }

        p.IsTestMode = (flags & TestModeFlag) != 0;
        bool ok = r.TryReadDigest(out byte[] mainRoot);
        p.MainRoot = mainRoot;
        if (shape.AuxWidth > 0)
        {
            ok &= r.TryReadDigest(out byte[] auxRoot);
            p.AuxRoot = auxRoot;
        }

        ok &= r.TryReadDigest(out byte[] quotientRoot);
        p.QuotientRoot = quotientRoot;
        ok &= r.TryReadExt(shape.MainWidth, out GoldilocksExt3[] a) & r.TryReadExt(shape.MainWidth, out GoldilocksExt3[] b)
            & r.TryReadExt(shape.AuxWidth, out GoldilocksExt3[] c) & r.TryReadExt(shape.AuxWidth, out GoldilocksExt3[] d)
            & r.TryReadExt(shape.ChunkCount, out GoldilocksExt3[] e);
        (p.OodMainCurrent, p.OodMainNext, p.OodAuxCurrent, p.OodAuxNext, p.OodChunks) = (a, b, c, d, e);
        p.FriRoots = new byte[shape.FriLayerCount][];
        for (int i = 0; i < shape.FriLayerCount; i++)
        {
            ok &= r.TryReadDigest(out p.FriRoots[i]);
        }

        ok &= r.TryReadExt(shape.RemainderSize, out GoldilocksExt3[] remainder);
        p.Remainder = remainder;
        ok &= r.TryReadUInt64(out ulong nonce);
        p.PowNonce = nonce;
        if (!ok)
        {
            error = "truncated or non-canonical commitment section";
            return false;
        }

        ok = TryReadOpening(ref r, shape.MainWidth, shape.Options.NumQueries, out TreeOpening main);
        p.MainOpening = main;
        if (shape.AuxWidth > 0 && ok)
        {
            ok = TryReadOpening(ref r, 3 * shape.AuxWidth, shape.Options.NumQueries, out TreeOpening aux);
            p.AuxOpening = aux;
        }

        if (ok)
        {
            ok = TryReadOpening(ref r, shape.QuotientLeafWidth, shape.Options.NumQueries, out TreeOpening quotient);
            p.QuotientOpening = quotient;
        }

        p.FriOpenings = new TreeOpening[shape.FriLayerCount];
        for (int i = 0; i < shape.FriLayerCount && ok; i++)
        {
            ok = TryReadOpening(ref r, 3 * f, shape.Options.NumQueries, out p.FriOpenings[i]);
        }

        if (!ok)
        {
            error = "truncated or non-canonical opening section";
            return false;
        }

        if (r.Remaining != 0)
        {
            error = "trailing bytes";
            return false;
        }

        proof = p;
        error = string.Empty;
        return true;
    }

    private static void WriteExt(ByteWriter w, GoldilocksExt3[] values)
    {
        Span<byte> buffer = stackalloc byte[GoldilocksExt3.SizeInBytes];
        foreach (GoldilocksExt3 v in values)
        {
            v.WriteTo(buffer);
            w.Write(buffer);
        }
    }

    private static void WriteOpening(ByteWriter w, TreeOpening opening, string name, Action<string, int> mark)
    {
        int at = w.Length;
        w.WriteUInt16(checked((ushort)opening.Values.Count));
        mark(name + "-count", at);
        for (int i = 0; i < opening.Values.Count; i++)
        {
            at = w.Length;
            foreach (ulong v in opening.Values[i])
            {
                w.WriteUInt64(v);
            }

            mark(name + "-values", at);
            at = w.Length;
            w.Write(opening.Salts[i]);
            mark(name + "-salts", at);
        }

        at = w.Length;
        w.WriteUInt16(checked((ushort)(opening.Siblings.Length / MerkleTree.DigestSize)));
        mark(name + "-sibling-count", at);
        at = w.Length;
        w.Write(opening.Siblings.Span);
        mark(name + "-siblings", at);
    }

    private static bool TryReadOpening(ref ByteReader r, int width, int maxLeaves, out TreeOpening opening)
    {
        opening = Empty;
        if (!r.TryReadUInt16(out ushort count) || count == 0 || count > maxLeaves)
        {
            return false;
        }

        var values = new ulong[count][];
        var salts = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            values[i] = new ulong[width];
            for (int j = 0; j < width; j++)
            {
                if (!r.TryReadUInt64(out ulong v) || v >= Goldilocks.Modulus)
                {
                    return false;
                }

                values[i][j] = v;
            }

            if (!r.TryRead(MerkleTree.SaltSize, out ReadOnlySpan<byte> salt))
            {
                return false;
            }

            salts[i] = salt.ToArray();
        }

        if (!r.TryReadUInt16(out ushort siblingCount) || !r.TryRead(siblingCount * MerkleTree.DigestSize, out ReadOnlySpan<byte> siblings))
        {
            return false;
        }

        opening = new TreeOpening(values, salts, siblings.ToArray());
        return true;
    }
}
