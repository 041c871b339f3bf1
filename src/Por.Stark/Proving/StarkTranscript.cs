// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Por.Stark.Air;
using Por.Stark.Fiat;
using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// THE transcript order of the protocol, in one place (docs/stark.md §3 mirrors it). Prover and verifier both drive
/// this class; each step may only follow the previous one, and every prover message is absorbed before the next
/// challenge is drawn:
/// <list type="number">
/// <item>protocol id, proof header (format version and flags), then the statement: AIR id, options, n, h, widths,
/// constraint degrees, periodic columns, public inputs;</item>
/// <item>main-trace root → auxiliary challenges;</item>
/// <item>auxiliary root (if any) → composition coefficients;</item>
/// <item>quotient root (chunks and DEEP mask) → out-of-domain point z (redrawn while z lies in H or the LDE domain);</item>
/// <item>the whole OOD frame → DEEP coefficients;</item>
/// <item>each FRI layer root → its folding challenge;</item>
/// <item>the remainder coefficients;</item>
/// <item>the proof-of-work nonce (checked) → distinct query positions in [0, N).</item>
/// </list>
/// </summary>
public sealed class StarkTranscript
{
    /// <summary>The protocol identifier absorbed first.</summary>
    public const string ProtocolId = "por-stark/v2";

    private readonly Transcript _transcript;
    private readonly ProofShape _shape;
    private Phase _phase;
    private int _friLayersSeen;

    /// <summary>Starts a transcript and absorbs the proof header and the statement.</summary>
    /// <param name="air">The AIR (its id, geometry and public inputs are absorbed).</param>
    /// <param name="shape">The shape derived from the pinned options.</param>
    /// <param name="flags">The proof's flags byte (<see cref="StarkProof.TestModeFlag"/>).</param>
    /// <param name="log">Optional operation log for transcript-order tests.</param>
    public StarkTranscript(StarkAir air, ProofShape shape, byte flags, IList<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(shape);
        _shape = shape;
        _transcript = new Transcript(ProtocolId, log);

        // The header is bound before any challenge: otherwise the flags byte is malleable (clearing the test-mode bit
        // of a deterministic proof would leave every challenge, and so the proof, valid under a refusing policy).
        Span<byte> header = stackalloc byte[3];
        BinaryPrimitives.WriteUInt16LittleEndian(header, StarkProof.CurrentVersion);
        header[2] = flags;
        _transcript.Absorb("proof-header", header);
        _transcript.Absorb("air-id", Encoding.UTF8.GetBytes(air.Id));
        _transcript.Absorb("options", shape.Options.ToBytes());
        var geometry = new byte[5 * 8];
        BinaryPrimitives.WriteInt64LittleEndian(geometry, shape.TraceLength);
        BinaryPrimitives.WriteInt64LittleEndian(geometry.AsSpan(8), shape.Context.RandomRows);
        BinaryPrimitives.WriteInt64LittleEndian(geometry.AsSpan(16), shape.MainWidth);
        BinaryPrimitives.WriteInt64LittleEndian(geometry.AsSpan(24), shape.AuxWidth);
        BinaryPrimitives.WriteInt64LittleEndian(geometry.AsSpan(32), shape.AuxRandomCount);
        _transcript.Absorb("trace-shape", geometry);
        _transcript.Absorb("degrees", EncodeDegrees(air));
        _transcript.Absorb("periodic", EncodePeriodic(air));
        _transcript.Absorb("public-inputs", air.GetPublicInputBytes());
        _phase = Phase.ExpectMainRoot;
    }

    private enum Phase
    {
        ExpectMainRoot,
        ExpectAuxRoot,
        ExpectCompositionDraw,
        ExpectQuotientRoot,
        ExpectOod,
        ExpectFriRoots,
        ExpectRemainder,
        ExpectNonce,
        Done,
    }

    /// <summary>Absorbs the main-trace root and draws the auxiliary challenges.</summary>
    /// <param name="root">32 bytes.</param>
    /// <returns>The auxiliary challenges (empty without an auxiliary segment).</returns>
    public GoldilocksExt3[] AbsorbMainRoot(ReadOnlySpan<byte> root)
    {
        Expect(Phase.ExpectMainRoot);
        _transcript.Absorb("main-root", root);
        var result = new GoldilocksExt3[_shape.AuxRandomCount];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _transcript.DrawExtension("aux-randomness");
        }

        _phase = _shape.AuxWidth > 0 ? Phase.ExpectAuxRoot : Phase.ExpectCompositionDraw;
        return result;
    }

    /// <summary>Absorbs the auxiliary-trace root.</summary>
    /// <param name="root">32 bytes.</param>
    public void AbsorbAuxRoot(ReadOnlySpan<byte> root)
    {
        Expect(Phase.ExpectAuxRoot);
        _transcript.Absorb("aux-root", root);
        _phase = Phase.ExpectCompositionDraw;
    }

    /// <summary>Draws independent composition coefficients (one per constraint and assertion).</summary>
    /// <param name="count">How many.</param>
    /// <returns>The coefficients.</returns>
    public GoldilocksExt3[] DrawCompositionCoefficients(int count)
    {
        Expect(Phase.ExpectCompositionDraw);
        var result = new GoldilocksExt3[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = _transcript.DrawExtension("composition");
        }

        _phase = Phase.ExpectQuotientRoot;
        return result;
    }

    /// <summary>Absorbs the quotient root (chunks and mask) and draws z outside H and the LDE domain.</summary>
    /// <param name="root">32 bytes.</param>
    /// <returns>The out-of-domain point.</returns>
    public GoldilocksExt3 AbsorbQuotientRoot(ReadOnlySpan<byte> root)
    {
        Expect(Phase.ExpectQuotientRoot);
        _transcript.Absorb("quotient-root", root);
        GoldilocksExt3 z;
        do
        {
            z = _transcript.DrawExtension("ood-point");
        }
        while (!IsValidOodPoint(z, _shape));

        _phase = Phase.ExpectOod;
        return z;
    }

    /// <summary>Whether z avoids the trace domain H (z^n ≠ 1) and the LDE coset (z/offset)^N ≠ 1.</summary>
    /// <param name="z">The candidate.</param>
    /// <param name="shape">The shape.</param>
    /// <returns>True when usable.</returns>
    public static bool IsValidOodPoint(GoldilocksExt3 z, ProofShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (z.IsZero || z.Pow((ulong)shape.TraceLength) == GoldilocksExt3.One)
        {
            return false;
        }

        GoldilocksExt3 shifted = z * Goldilocks.MultiplicativeGenerator.Inverse();
        return shifted.Pow((ulong)shape.LdeSize) != GoldilocksExt3.One;
    }

    /// <summary>Absorbs the out-of-domain frame and draws the DEEP coefficients.</summary>
    /// <param name="oodFrame">The canonical encoding of every OOD value.</param>
    /// <param name="count">How many DEEP coefficients.</param>
    /// <returns>The coefficients.</returns>
    public GoldilocksExt3[] AbsorbOodFrame(ReadOnlySpan<byte> oodFrame, int count)
    {
        Expect(Phase.ExpectOod);
        _transcript.Absorb("ood-frame", oodFrame);
        var result = new GoldilocksExt3[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = _transcript.DrawExtension("deep");
        }

        _phase = _shape.FriLayerCount > 0 ? Phase.ExpectFriRoots : Phase.ExpectRemainder;
        return result;
    }

    /// <summary>Absorbs one FRI layer root and draws its folding challenge.</summary>
    /// <param name="root">32 bytes.</param>
    /// <returns>The folding challenge.</returns>
    public GoldilocksExt3 AbsorbFriLayerRoot(ReadOnlySpan<byte> root)
    {
        Expect(Phase.ExpectFriRoots);
        _transcript.Absorb("fri-root", root);
        GoldilocksExt3 beta = _transcript.DrawExtension("fri-fold");
        if (++_friLayersSeen == _shape.FriLayerCount)
        {
            _phase = Phase.ExpectRemainder;
        }

        return beta;
    }

    /// <summary>Absorbs the remainder coefficients.</summary>
    /// <param name="remainder">The canonical encoding of the coefficients.</param>
    public void AbsorbRemainder(ReadOnlySpan<byte> remainder)
    {
        Expect(Phase.ExpectRemainder);
        _transcript.Absorb("fri-remainder", remainder);
        _phase = Phase.ExpectNonce;
    }

    /// <summary>Prover: finds a proof-of-work nonce for the current state.</summary>
    /// <returns>The nonce.</returns>
    public ulong Grind()
    {
        Expect(Phase.ExpectNonce);
        return _transcript.Grind(_shape.Options.GrindingBits);
    }

    /// <summary>Checks the nonce's work, absorbs it and draws the query positions.</summary>
    /// <param name="nonce">The proof-of-work nonce.</param>
    /// <param name="positions">Distinct positions in [0, N), in draw order.</param>
    /// <returns>False when the work is insufficient.</returns>
    public bool TryAbsorbNonce(ulong nonce, out int[] positions)
    {
        Expect(Phase.ExpectNonce);
        positions = [];
        if (!_transcript.CheckProofOfWork(nonce, _shape.Options.GrindingBits))
        {
            return false;
        }

        positions = AbsorbNonceForQueries(nonce);
        return true;
    }

    /// <summary>Whether a nonce has enough work for the current state (cheating-prover tests).</summary>
    internal bool HasWork(ulong nonce) => _transcript.CheckProofOfWork(nonce, _shape.Options.GrindingBits);

    /// <summary>Absorbs a nonce without checking its work and draws the positions (cheating-prover tests and the honest prover).</summary>
    internal int[] AbsorbNonceForQueries(ulong nonce)
    {
        Expect(Phase.ExpectNonce);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, nonce);
        _transcript.Absorb("pow-nonce", bytes);
        _phase = Phase.Done;
        return _transcript.DrawDistinctIndices("queries", _shape.Options.NumQueries, _shape.LdeSize);
    }

    private void Expect(Phase phase)
    {
        if (_phase != phase)
        {
            ThrowHelper.ThrowInvalidOperation($"Transcript step out of order: expected {_phase}, got {phase}.");
        }
    }

    private static byte[] EncodeDegrees(StarkAir air)
    {
        var list = new List<byte>();
        foreach (int d in air.MainConstraintDegrees)
        {
            list.Add(checked((byte)d));
        }

        list.Add(0xFF);
        foreach (int d in air.AuxConstraintDegrees)
        {
            list.Add(checked((byte)d));
        }

        return [.. list];
    }

    private static byte[] EncodePeriodic(StarkAir air)
    {
        var list = new List<byte>();
        Span<byte> buffer = stackalloc byte[8];
        foreach (Goldilocks[] column in air.PeriodicColumns)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)column.Length);
            list.AddRange(buffer);
            foreach (Goldilocks v in column)
            {
                v.WriteTo(buffer);
                list.AddRange(buffer);
            }
        }

        return [.. list];
    }
}
