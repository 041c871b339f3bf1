// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;
using Por.Stark.Security;

namespace Por.Stark.Proving;

/// <summary>
/// Proof options. A verifier pins these (they are never read from a proof); every field is absorbed into the
/// transcript before the first challenge. Challenges always live in the cubic extension.
/// </summary>
public sealed record StarkOptions
{
    /// <summary>The number of out-of-domain evaluation functionals per point used to size the random rows (e in 2024/1037).</summary>
    public const int OodFunctionals = 3;

    /// <summary>Creates and validates options.</summary>
    /// <param name="numQueries">FRI queries, 1..255.</param>
    /// <param name="blowupFactor">LDE blowup, a power of two in 2..128.</param>
    /// <param name="grindingBits">Proof-of-work bits, 0..32.</param>
    /// <param name="friFoldingFactor">2, 4, 8 or 16.</param>
    /// <param name="friRemainderMaxDegree">2^k − 1 ≤ 255.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public StarkOptions(int numQueries, int blowupFactor, int grindingBits, int friFoldingFactor, int friRemainderMaxDegree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numQueries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numQueries, 255);
        if (blowupFactor < 2 || blowupFactor > 128 || !BitOperations.IsPow2(blowupFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(blowupFactor), "The blowup factor must be a power of two in 2..128.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(grindingBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(grindingBits, 32);
        if (friFoldingFactor is not (2 or 4 or 8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(friFoldingFactor), "The folding factor must be 2, 4, 8 or 16.");
        }

        if (friRemainderMaxDegree < 0 || friRemainderMaxDegree > 255 || !BitOperations.IsPow2(friRemainderMaxDegree + 1))
        {
            throw new ArgumentOutOfRangeException(nameof(friRemainderMaxDegree), "The remainder max degree must be 2^k − 1 ≤ 255.");
        }

        NumQueries = numQueries;
        BlowupFactor = blowupFactor;
        GrindingBits = grindingBits;
        FriFoldingFactor = friFoldingFactor;
        FriRemainderMaxDegree = friRemainderMaxDegree;
    }

    /// <summary>
    /// The production set: blowup 8, 56 queries, 20 grinding bits, folding 8, remainder &lt; 64. 103 proven bits (JBR,
    /// 2024/1553 Thm 2) at n = 2^20 and 103 under soundcalc's BCHKS25 formulas; the query term limits both
    /// (docs/stark.md §7). pol-stark.md §12's 54 queries gave 100.
    /// </summary>
    public static StarkOptions Production { get; } = new(56, 8, 20, 8, 63);

    /// <summary>
    /// The opt-in 128-bit set: blowup 8, 85 queries, 20 grinding bits, folding 8, remainder &lt; 64. At least 128 proven
    /// bits (the SHA-256 cap) for n ≤ 2^20; beyond 2^20 the JBR commit term at m = 3 falls below 128 (docs/stark.md §7).
    /// </summary>
    public static StarkOptions Proven128 { get; } = new(85, 8, 20, 8, 63);

    /// <summary>FRI queries.</summary>
    public int NumQueries { get; }

    /// <summary>LDE blowup factor (1/ρ).</summary>
    public int BlowupFactor { get; }

    /// <summary>Proof-of-work bits before the query phase.</summary>
    public int GrindingBits { get; }

    /// <summary>FRI folding factor.</summary>
    public int FriFoldingFactor { get; }

    /// <summary>Maximum degree of the FRI remainder polynomial.</summary>
    public int FriRemainderMaxDegree { get; }

    /// <summary>The extension degree of the challenge field (always 3).</summary>
    public static int ExtensionDegree => 3;

    /// <summary>Random rows appended to every trace column: h = 2·(e + q) (2024/1037 eq. 13).</summary>
    public int RandomRows => 2 * (OodFunctionals + NumQueries);

    /// <summary>Degree of each quotient-chunk randomizer, h_q = h (≥ q + 1).</summary>
    public int QuotientRandomizerDegree => RandomRows;

    /// <summary>The canonical encoding absorbed into the transcript and hashed into the parameter-set id.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[6 * 4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, NumQueries);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), BlowupFactor);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), GrindingBits);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), FriFoldingFactor);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), FriRemainderMaxDegree);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), ExtensionDegree);
        return bytes;
    }

    /// <summary>
    /// The soundness estimate of our protocol (cubic extension) with these options at trace length n. It lives here,
    /// not in <see cref="SecurityEstimator"/>, so that the estimator knows nothing of the proof system's types.
    /// </summary>
    /// <param name="traceLength">n.</param>
    /// <returns>The estimates.</returns>
    public SecurityLevel EstimateSecurity(int traceLength) =>
        SecurityEstimator.Estimate(new EstimatorParameters(ExtensionDegree, BlowupFactor, NumQueries, GrindingBits, FriFoldingFactor, FriRemainderMaxDegree, traceLength));
}
