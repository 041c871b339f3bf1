// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Stark.Air;
using Por.Stark.Commitments;
using Por.Stark.Field;
using Por.Stark.Polynomials;
using Por.Stark.Security;

namespace Por.Stark.Proving;

/// <summary>
/// The STARK verifier. The proof's shape comes only from the AIR and the caller's pinned options; the policy
/// (minimum proven bits, test mode) is checked before anything else.
/// </summary>
public static class StarkVerifier
{
    /// <summary>Verifies a proof.</summary>
    /// <param name="air">The statement, built from the public inputs the verifier trusts.</param>
    /// <param name="proof">The proof bytes.</param>
    /// <param name="pinnedOptions">The options the verifier requires (never taken from the proof).</param>
    /// <param name="policy">The acceptance policy; <see langword="null"/> means <see cref="VerifierPolicy.Default"/>.</param>
    /// <returns>The outcome, including the proven-bits figure and the proof size.</returns>
    public static VerificationResult Verify(StarkAir air, ReadOnlySpan<byte> proof, StarkOptions pinnedOptions, VerifierPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(pinnedOptions);
        policy ??= VerifierPolicy.Default;
        int size = proof.Length;
        ProofShape shape;
        try
        {
            shape = ProofShape.Create(air, pinnedOptions);
        }
        catch (ArgumentException e)
        {
            return new VerificationResult(VerificationFailure.InvalidStatement, e.Message, null, size);
        }

        SecurityLevel security = pinnedOptions.EstimateSecurity(shape.TraceLength);
        if (security.ProvenBits < policy.MinimumProvenBits)
        {
            return new VerificationResult(
                VerificationFailure.BelowSecurityPolicy,
                $"The pinned options give {security.ProvenBits} proven bits; the policy requires {policy.MinimumProvenBits}.",
                security,
                size);
        }

        if (!StarkProof.TryDecode(proof, shape, out StarkProof? parsed, out string error) || parsed is null)
        {
            return new VerificationResult(VerificationFailure.MalformedProof, "Malformed proof: " + error + ".", security, size);
        }

        if (parsed.IsTestMode && !policy.AllowTestMode)
        {
            return new VerificationResult(VerificationFailure.TestModeRefused, "The proof was made in deterministic test mode (no zero knowledge).", security, size);
        }

        try
        {
            (VerificationFailure failure, string message) = VerifyParsed(air, shape, parsed);
            return new VerificationResult(failure, message, security, size);
        }
        catch (InvalidOperationException e)
        {
            return new VerificationResult(VerificationFailure.InvalidStatement, e.Message, security, size);
        }
    }

    private static (VerificationFailure Failure, string Message) VerifyParsed(StarkAir air, ProofShape shape, StarkProof proof)
    {
        StarkOptions options = shape.Options;
        int n = shape.TraceLength;
        int bigN = shape.LdeSize;
        int f = options.FriFoldingFactor;
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2((uint)n));
        Goldilocks omega = Goldilocks.RootOfUnity(shape.LdeLog2);

        // Replay the transcript in its fixed order.
        var transcript = new StarkTranscript(air, shape, proof.Flags);
        GoldilocksExt3[] auxRandomness = transcript.AbsorbMainRoot(proof.MainRoot);
        if (shape.AuxWidth > 0)
        {
            transcript.AbsorbAuxRoot(proof.AuxRoot);
        }

        var composer = new ConstraintComposer(air, shape, auxRandomness);
        composer.SetCoefficients(transcript.DrawCompositionCoefficients(composer.CoefficientCount));
        GoldilocksExt3 z = transcript.AbsorbQuotientRoot(proof.QuotientRoot);
        GoldilocksExt3 gz = z * g;

        // Out-of-domain consistency: H(z) from the constraints must equal Σ_k z^(k·s)·H_k(z). It needs only z, so it
        // runs before the rest of the replay: a proof made for another statement, header or options (any transcript
        // difference before z) then fails here deterministically, not at the proof-of-work check by chance.
        GoldilocksExt3 expected = VerifierMath.CompositionAtZ(air, shape, composer, proof.OodMainCurrent, proof.OodMainNext, proof.OodAuxCurrent, proof.OodAuxNext, z, g);
        GoldilocksExt3 actual = GoldilocksExt3.Zero;
        GoldilocksExt3 zStride = z.Pow((ulong)shape.ChunkStride);
        GoldilocksExt3 power = GoldilocksExt3.One;
        foreach (GoldilocksExt3 chunk in proof.OodChunks)
        {
            actual += chunk * power;
            power *= zStride;
        }

        if (actual != expected)
        {
            return (VerificationFailure.OodInconsistent, "The composition polynomial is inconsistent with the constraints at z.");
        }

        GoldilocksExt3[] deep = transcript.AbsorbOodFrame(proof.EncodeOodFrame(), StarkProver.DeepCoefficientCount(shape));
        var betas = new GoldilocksExt3[shape.FriLayerCount];
        for (int k = 0; k < betas.Length; k++)
        {
            betas[k] = transcript.AbsorbFriLayerRoot(proof.FriRoots[k]);
        }

        transcript.AbsorbRemainder(proof.EncodeRemainder());
        if (!transcript.TryAbsorbNonce(proof.PowNonce, out int[] positions))
        {
            return (VerificationFailure.InsufficientProofOfWork, "The proof-of-work nonce is insufficient.");
        }

        // Trace, auxiliary and quotient openings at the verifier's own positions.
        int[] sorted = [.. positions.Order()];
        if (!CheckOpening(proof.MainOpening, sorted, shape.LdeLog2, proof.MainRoot, out string? why)
            || (shape.AuxWidth > 0 && !CheckOpening(proof.AuxOpening, sorted, shape.LdeLog2, proof.AuxRoot, out why))
            || !CheckOpening(proof.QuotientOpening, sorted, shape.LdeLog2, proof.QuotientRoot, out why))
        {
            return string.Equals(why, "count", StringComparison.Ordinal)
                ? (VerificationFailure.QueryMismatch, "The openings do not match the query positions.")
                : (VerificationFailure.MerkleMismatch, "A trace or quotient opening does not match its root.");
        }

        // DEEP values at every query position.
        var layout = new DeepLayout(shape);
        GoldilocksExt3 p1z = GoldilocksExt3.Zero;
        GoldilocksExt3 p2gz = GoldilocksExt3.Zero;
        for (int c = 0; c < shape.MainWidth; c++)
        {
            p1z += deep[layout.MainCurrent + c] * proof.OodMainCurrent[c];
            p2gz += deep[layout.MainNext + c] * proof.OodMainNext[c];
        }

        for (int c = 0; c < shape.AuxWidth; c++)
        {
            p1z += deep[layout.AuxCurrent + c] * proof.OodAuxCurrent[c];
            p2gz += deep[layout.AuxNext + c] * proof.OodAuxNext[c];
        }

        for (int k = 0; k < shape.ChunkCount; k++)
        {
            p1z += deep[layout.Chunks + k] * proof.OodChunks[k];
        }

        var expectedValues = new Dictionary<int, GoldilocksExt3>();
        for (int q = 0; q < sorted.Length; q++)
        {
            Goldilocks x = offset * omega.Pow((ulong)sorted[q]);
            ulong[] mainRow = proof.MainOpening.Values[q];
            ulong[] quotientRow = proof.QuotientOpening.Values[q];
            GoldilocksExt3 s1 = -p1z;
            GoldilocksExt3 s2 = -p2gz;
            for (int c = 0; c < shape.MainWidth; c++)
            {
                Goldilocks v = Goldilocks.FromCanonical(mainRow[c]);
                s1 += deep[layout.MainCurrent + c] * v;
                s2 += deep[layout.MainNext + c] * v;
            }

            for (int c = 0; c < shape.AuxWidth; c++)
            {
                GoldilocksExt3 v = Ext(proof.AuxOpening.Values[q], 3 * c);
                s1 += deep[layout.AuxCurrent + c] * v;
                s2 += deep[layout.AuxNext + c] * v;
            }

            for (int k = 0; k < shape.ChunkCount; k++)
            {
                s1 += deep[layout.Chunks + k] * Ext(quotientRow, 3 * k);
            }

            GoldilocksExt3 xz = GoldilocksExt3.FromBase(x) - z;
            GoldilocksExt3 xgz = GoldilocksExt3.FromBase(x) - gz;
            // (1 + γ_c·x) multiplies the DEEP quotient: FRI's bound n then holds only if the quotient has degree
            // ≤ n − 2, i.e. if every trace, auxiliary and chunk column has degree < n (docs/stark.md §5).
            GoldilocksExt3 quotient = (s1 * xz.Inverse()) + (s2 * xgz.Inverse());
            GoldilocksExt3 correction = GoldilocksExt3.One + (deep[layout.DegreeCorrection] * x);
            GoldilocksExt3 value = (correction * quotient) + (deep[layout.Mask] * Ext(quotientRow, 3 * shape.ChunkCount));
            expectedValues[sorted[q]] = value;
        }

        // FRI: each layer's opened coset must contain the expected value; fold to the next layer.
        Goldilocks[] zetaInv = FriFolding.ZetaInversePowers(f);
        Goldilocks fInv = new Goldilocks((ulong)f).Inverse();
        Goldilocks layerOffset = offset;
        Goldilocks layerRoot = omega;
        int layerSize = bigN;
        for (int k = 0; k < shape.FriLayerCount; k++)
        {
            int m = layerSize / f;
            int[] leaves = [.. expectedValues.Keys.Select(p => p % m).Distinct().Order()];
            TreeOpening opening = proof.FriOpenings[k];
            if (opening.Values.Count != leaves.Length)
            {
                return (VerificationFailure.QueryMismatch, $"FRI layer {k} opens the wrong number of cosets.");
            }

            if (!CheckOpening(opening, leaves, BitOperations.Log2((uint)m), proof.FriRoots[k], out _))
            {
                return (VerificationFailure.MerkleMismatch, $"A FRI layer {k} opening does not match its root.");
            }

            var leafIndex = new Dictionary<int, int>();
            for (int i = 0; i < leaves.Length; i++)
            {
                leafIndex[leaves[i]] = i;
            }

            foreach ((int position, GoldilocksExt3 value) in expectedValues)
            {
                ulong[] leaf = opening.Values[leafIndex[position % m]];
                if (Ext(leaf, 3 * (position / m)) != value)
                {
                    return (VerificationFailure.FriMismatch, $"FRI layer {k} disagrees with the previous layer or the DEEP composition.");
                }
            }

            var next = new Dictionary<int, GoldilocksExt3>();
            var coset = new GoldilocksExt3[f];
            for (int i = 0; i < leaves.Length; i++)
            {
                for (int j = 0; j < f; j++)
                {
                    coset[j] = Ext(opening.Values[i], 3 * j);
                }

                Goldilocks xInv = (layerOffset * layerRoot.Pow((ulong)leaves[i])).Inverse();
                next[leaves[i]] = FriFolding.FoldCoset(coset, xInv, betas[k], zetaInv, fInv);
            }

            expectedValues = next;
            layerOffset = layerOffset.Pow((ulong)f);
            layerRoot = layerRoot.Pow((ulong)f);
            layerSize = m;
        }

        foreach ((int position, GoldilocksExt3 value) in expectedValues)
        {
            Goldilocks x = layerOffset * layerRoot.Pow((ulong)position);
            if (PolynomialMath.Evaluate(proof.Remainder, x) != value)
            {
                return (VerificationFailure.RemainderMismatch, "The FRI remainder polynomial disagrees with the last layer.");
            }
        }

        return (VerificationFailure.None, "Verified.");
    }

    private static GoldilocksExt3 Ext(ulong[] values, int at) =>
        new(Goldilocks.FromCanonical(values[at]), Goldilocks.FromCanonical(values[at + 1]), Goldilocks.FromCanonical(values[at + 2]));

    private static bool CheckOpening(TreeOpening opening, int[] sortedIndices, int depth, byte[] root, out string? why)
    {
        why = null;
        if (opening.Values.Count != sortedIndices.Length)
        {
            why = "count";
            return false;
        }

        var digests = new byte[sortedIndices.Length * MerkleTree.DigestSize];
        for (int i = 0; i < sortedIndices.Length; i++)
        {
            ulong[] values = opening.Values[i];
            var data = new byte[values.Length * 8];
            for (int j = 0; j < values.Length; j++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(8 * j), values[j]);
            }

            MerkleVerifier.HashLeaf(opening.Salts[i], data, digests.AsSpan(i * MerkleTree.DigestSize, MerkleTree.DigestSize));
        }

        Span<byte> computed = stackalloc byte[MerkleTree.DigestSize];
        if (!MerkleVerifier.TryComputeRoot(depth, sortedIndices, digests, opening.Siblings.Span, computed) || !computed.SequenceEqual(root))
        {
            why = "merkle";
            return false;
        }

        return true;
    }
}
