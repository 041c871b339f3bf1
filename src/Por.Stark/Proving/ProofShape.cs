// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Stark.Air;

namespace Por.Stark.Proving;

/// <summary>
/// Everything about a proof's layout that follows from an AIR and pinned options: trace and LDE sizes, quotient
/// chunking, FRI layer count and remainder size. Prover and verifier both derive it; nothing here is read from a proof.
/// </summary>
public sealed class ProofShape
{
    private ProofShape(StarkAir air, StarkOptions options)
    {
        Options = options;
        TraceLength = air.TraceLength;
        Context = new AirContext(TraceLength, options.RandomRows);
        LdeSize = checked(TraceLength * options.BlowupFactor);
        MainWidth = air.MainWidth;
        AuxWidth = air.AuxWidth;
        AuxRandomCount = air.AuxRandomElementCount;
        int maxDegree = 1;
        foreach (int d in air.MainConstraintDegrees.Concat(air.AuxConstraintDegrees))
        {
            maxDegree = Math.Max(maxDegree, d);
        }

        MaxConstraintDegree = maxDegree;
        long n = TraceLength;
        long h = options.RandomRows;
        long transitionBound = (maxDegree * (n - 1)) - (n - h - 1);
        QuotientDegreeBound = (int)Math.Max(transitionBound, n - 2);
        ChunkStride = TraceLength - options.QuotientRandomizerDegree;
        ChunkCount = Math.Max(2, (QuotientDegreeBound + 1 + ChunkStride - 1) / ChunkStride);

        int degreeBound = TraceLength;
        int layers = 0;
        while (degreeBound > options.FriRemainderMaxDegree + 1)
        {
            degreeBound /= options.FriFoldingFactor;
            layers++;
        }

        FriLayerCount = layers;
        RemainderSize = degreeBound;
    }

    /// <summary>The pinned options.</summary>
    public StarkOptions Options { get; }

    /// <summary>Trace geometry.</summary>
    public AirContext Context { get; }

    /// <summary>n.</summary>
    public int TraceLength { get; }

    /// <summary>N = n · blowup.</summary>
    public int LdeSize { get; }

    /// <summary>Main columns.</summary>
    public int MainWidth { get; }

    /// <summary>Auxiliary extension columns.</summary>
    public int AuxWidth { get; }

    /// <summary>Auxiliary challenges.</summary>
    public int AuxRandomCount { get; }

    /// <summary>The largest declared constraint degree.</summary>
    public int MaxConstraintDegree { get; }

    /// <summary>An upper bound on the degree of the composition (quotient) polynomial.</summary>
    public int QuotientDegreeBound { get; }

    /// <summary>Coefficient stride s = n − h_q between quotient chunks (chunks have degree &lt; n after masking).</summary>
    public int ChunkStride { get; }

    /// <summary>The number of committed quotient chunks K (≥ 2, so every chunk is masked).</summary>
    public int ChunkCount { get; }

    /// <summary>FRI layers committed before the remainder.</summary>
    public int FriLayerCount { get; }

    /// <summary>Coefficients of the FRI remainder polynomial.</summary>
    public int RemainderSize { get; }

    /// <summary>log2 of the LDE size (the depth of the trace trees).</summary>
    public int LdeLog2 => BitOperations.Log2((uint)LdeSize);

    /// <summary>Base values per quotient-tree leaf: 3 per chunk plus 3 for the DEEP mask.</summary>
    public int QuotientLeafWidth => 3 * (ChunkCount + 1);

    /// <summary>Derives and validates the shape.</summary>
    /// <param name="air">The AIR.</param>
    /// <param name="options">The pinned options.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentException">The AIR and options are incompatible (explained in the message).</exception>
    public static ProofShape Create(StarkAir air, StarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(options);
        int n = air.TraceLength;
        if (n < 4 || !BitOperations.IsPow2(n) || n > (1 << 26))
        {
            throw new ArgumentException("The trace length must be a power of two in 4..2^26.", nameof(air));
        }

        if (air.MainWidth < 1 || air.AuxWidth < 0 || air.MainConstraintDegrees.Count == 0)
        {
            throw new ArgumentException("The AIR needs at least one main column and one main constraint.", nameof(air));
        }

        if ((air.AuxWidth == 0) != (air.AuxConstraintDegrees.Count == 0) || (air.AuxWidth == 0 && air.AuxRandomElementCount != 0))
        {
            throw new ArgumentException("Auxiliary columns, constraints and randomness must be declared together.", nameof(air));
        }

        foreach (int d in air.MainConstraintDegrees.Concat(air.AuxConstraintDegrees))
        {
            if (d < 1 || d > 8 || d > options.BlowupFactor)
            {
                throw new ArgumentException($"Constraint degree {d} must be in 1..min(8, blowup).", nameof(air));
            }
        }

        foreach (var column in air.PeriodicColumns)
        {
            if (column.Length < 1 || column.Length > n || !BitOperations.IsPow2(column.Length))
            {
                throw new ArgumentException("Periodic columns need a power-of-two length ≤ n.", nameof(air));
            }
        }

        if (n - options.RandomRows < 2 || n - options.QuotientRandomizerDegree < 1)
        {
            throw new ArgumentException($"Trace length {n} leaves no room for {options.RandomRows} random rows.", nameof(air));
        }

        var shape = new ProofShape(air, options);
        if ((long)shape.RemainderSize * Pow(options.FriFoldingFactor, shape.FriLayerCount) != n || shape.RemainderSize < 1)
        {
            throw new ArgumentException("The trace length is not compatible with the FRI folding factor and remainder.", nameof(options));
        }

        if (options.NumQueries > shape.LdeSize / 2)
        {
            throw new ArgumentException("Too many queries for this LDE size.", nameof(options));
        }

        return shape;
    }

    private static long Pow(int b, int e)
    {
        long r = 1;
        for (int i = 0; i < e; i++)
        {
            r *= b;
        }

        return r;
    }
}
