// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;
using Por.Stark.Air;
using Por.Stark.Commitments;
using Por.Stark.Fiat;
using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Polynomials;
using Por.Stark.Randomness;

namespace Por.Stark.Proving;

/// <summary>
/// The STARK prover: trace commitment → auxiliary commitment → randomized quotient chunks and DEEP mask →
/// out-of-domain frame → DEEP → FRI → grinding → query openings (docs/stark.md).
/// </summary>
public static class StarkProver
{
    private const int PointChunk = 1024;

    /// <summary>Optional phase timing sink (benchmark harness only).</summary>
    internal static Action<string, TimeSpan>? PhaseObserver { get; set; }

    /// <summary>Proves that <paramref name="trace"/> satisfies <paramref name="air"/>, with zero knowledge.</summary>
    /// <param name="air">The statement.</param>
    /// <param name="trace">The witness rows: exactly n − h rows (see <see cref="AirContext.RealRows"/>).</param>
    /// <param name="options">The proof options (the verifier must pin the same).</param>
    /// <param name="randomSource">
    /// The ZK randomness; <see langword="null"/> means the OS CSPRNG. A deterministic source marks the proof as test mode.
    /// </param>
    /// <returns>The canonical proof bytes.</returns>
    /// <exception cref="ArgumentException">The trace does not match the AIR's shape.</exception>
    /// <exception cref="InvalidOperationException">The trace does not satisfy the constraints.</exception>
    public static byte[] Prove(StarkAir air, TraceTable trace, StarkOptions options, IRandomSource? randomSource = null) =>
        ProveCore(air, trace, options, randomSource ?? OsRandomSource.Instance, tamper: null).Encode();

    internal static StarkProof ProveCore(StarkAir air, TraceTable trace, StarkOptions options, IRandomSource rng, ProverTamper? tamper)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(trace);
        ProofShape shape = ProofShape.Create(air, options);
        int n = shape.TraceLength;
        int bigN = shape.LdeSize;
        int blowup = options.BlowupFactor;
        int realRows = shape.Context.RealRows;
        if (trace.Width != shape.MainWidth || trace.Rows != realRows)
        {
            throw new ArgumentException($"The trace must be {shape.MainWidth} columns × {realRows} rows (n − h).", nameof(trace));
        }

        tamper?.Trace?.Invoke(trace);
        bool selfCheck = tamper is null || !tamper.SkipSelfChecks;
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2((uint)n));
        var proof = new StarkProof { IsTestMode = rng.IsDeterministic };
        var transcript = new StarkTranscript(air, shape);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name)
        {
            PhaseObserver?.Invoke(name, clock.Elapsed);
            clock.Restart();
        }

        // 1. Main trace: witness rows plus h random rows, interpolated and extended column by column.
        int w = shape.MainWidth;
        var randomTails = new Goldilocks[w][];
        for (int c = 0; c < w; c++)
        {
            randomTails[c] = RandomElements.Create(rng, n - realRows);
        }

        // Each column's n evaluations exist only while that column is being extended (memory: no second trace copy).
        (Goldilocks[][] mainCoeffs, Goldilocks[][] mainLde) = ExtendColumns(w, n, bigN, offset, (c, evaluations) =>
        {
            trace.GetColumn(c).CopyTo(evaluations);
            randomTails[c].CopyTo(evaluations[realRows..]);
        });
        randomTails = [];
        ReleaseMemory(bigN);
        MerkleTree mainTree = CommitBaseColumns(mainLde, bigN, rng);
        proof.MainRoot = mainTree.Root.ToArray();
        GoldilocksExt3[] auxRandomness = transcript.AbsorbMainRoot(mainTree.Root);

        Phase("main-trace");
        // 2. Auxiliary segment (extension columns stored as three base components each).
        int wa = shape.AuxWidth;
        Goldilocks[][] auxCoeffs = [];
        Goldilocks[][] auxLde = [];
        MerkleTree? auxTree = null;
        if (wa > 0)
        {
            AuxTraceTable aux = air.BuildAuxTrace(trace, auxRandomness);
            if (aux.Width != wa || aux.Rows != realRows)
            {
                throw new InvalidOperationException("The auxiliary trace has the wrong shape.");
            }

            var auxEvals = new Goldilocks[3 * wa][];
            for (int c = 0; c < wa; c++)
            {
                Span<GoldilocksExt3> column = aux.GetColumn(c);
                for (int k = 0; k < 3; k++)
                {
                    var e = new Goldilocks[n];
                    for (int r = 0; r < realRows; r++)
                    {
                        e[r] = k == 0 ? column[r].A0 : k == 1 ? column[r].A1 : column[r].A2;
                    }

                    RandomElements.Fill(rng, e.AsSpan(realRows));
                    auxEvals[(3 * c) + k] = e;
                }
            }

            (auxCoeffs, auxLde) = ExtendColumns(auxEvals.Length, n, bigN, offset, (c, evaluations) => auxEvals[c].CopyTo(evaluations));
            auxTree = CommitBaseColumns(auxLde, bigN, rng);
            proof.AuxRoot = auxTree.Root.ToArray();
            transcript.AbsorbAuxRoot(auxTree.Root);
        }

        Phase("aux-trace");
        // 3. Composition polynomial on the LDE domain.
        var composer = new ConstraintComposer(air, shape, auxRandomness);
        composer.SetCoefficients(transcript.DrawCompositionCoefficients(composer.CoefficientCount));
        Goldilocks[][] h = CompositionEvaluator.Evaluate(air, shape, composer, mainLde, auxLde, offset, g);
        ReleaseMemory(bigN);

        Phase("composition-evaluation");
        // 4. Quotient coefficients, degree check, randomized chunks, DEEP mask; one commitment.
        Parallel.For(0, 3, k => InverseCosetLarge(h[k], offset));
        if (selfCheck)
        {
            for (int k = 0; k < 3; k++)
            {
                for (int j = shape.QuotientDegreeBound + 1; j < bigN; j++)
                {
                    if (!h[k][j].IsZero)
                    {
                        throw new InvalidOperationException("The trace does not satisfy the AIR (or a constraint degree is declared too low).");
                    }
                }
            }
        }

        int chunks = shape.ChunkCount;
        int stride = shape.ChunkStride;
        int hq = options.QuotientRandomizerDegree;
        var quotientCoeffs = new Goldilocks[3 * (chunks + 1)][];
        var randomizers = new Goldilocks[(chunks - 1) * 3][];
        for (int i = 0; i < randomizers.Length; i++)
        {
            randomizers[i] = RandomElements.Create(rng, hq);
        }

        for (int k = 0; k < chunks; k++)
        {
            for (int comp = 0; comp < 3; comp++)
            {
                var chunk = new Goldilocks[n];
                int from = k * stride;
                int count = Math.Max(0, Math.Min(stride, bigN - from));

                h[comp].AsSpan(from, count).CopyTo(chunk);
                if (k < chunks - 1)
                {
                    Goldilocks[] r = randomizers[(3 * k) + comp];
                    for (int j = 0; j < hq; j++)
                    {
                        chunk[stride + j] += r[j];
                    }
                }

                if (k > 0)
                {
                    Goldilocks[] r = randomizers[(3 * (k - 1)) + comp];
                    for (int j = 0; j < hq; j++)
                    {
                        chunk[j] -= r[j];
                    }
                }

                quotientCoeffs[(3 * k) + comp] = chunk;
            }
        }

        for (int comp = 0; comp < 3; comp++)
        {
            // The DEEP/FRI mask R: uniformly random of degree < n. The high-degree tamper gives it one more
            // coefficient, so FRI's final layer exceeds the remainder bound while every opening stays consistent.
            quotientCoeffs[(3 * chunks) + comp] = RandomElements.Create(rng, tamper is { HighDegreeRemainder: true } ? n + 1 : n);
        }

        h = [];
        ReleaseMemory(bigN);
        var quotientLde = new Goldilocks[quotientCoeffs.Length][];
        Parallel.For(0, quotientCoeffs.Length, c =>
        {
            quotientLde[c] = LargeArrays.Allocate<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(quotientCoeffs[c], offset, quotientLde[c]);
        });
        MerkleTree quotientTree = CommitBaseColumns(quotientLde, bigN, rng);
        proof.QuotientRoot = quotientTree.Root.ToArray();
        GoldilocksExt3 z = transcript.AbsorbQuotientRoot(quotientTree.Root);
        GoldilocksExt3 gz = z * g;

        Phase("quotient-commit");
        // 5. Out-of-domain frame.
        GoldilocksExt3[] zPowers = Powers(z, n);
        GoldilocksExt3[] gzPowers = Powers(gz, n);
        var mainZ = new GoldilocksExt3[w];
        var mainGz = new GoldilocksExt3[w];
        Parallel.For(0, w, c =>
        {
            mainZ[c] = PolynomialMath.EvaluateWithPowers(mainCoeffs[c], zPowers);
            mainGz[c] = PolynomialMath.EvaluateWithPowers(mainCoeffs[c], gzPowers);
        });
        var auxZ = new GoldilocksExt3[wa];
        var auxGz = new GoldilocksExt3[wa];
        Parallel.For(0, wa, c =>
        {
            auxZ[c] = CombineComponents(auxCoeffs, c, zPowers);
            auxGz[c] = CombineComponents(auxCoeffs, c, gzPowers);
        });
        var chunkZ = new GoldilocksExt3[chunks];
        for (int k = 0; k < chunks; k++)
        {
            chunkZ[k] = CombineComponents(quotientCoeffs, k, zPowers);
        }

        if (tamper is { WrongOodTraceValue: true })
        {
            GoldilocksExt3 before = VerifierMath.CompositionAtZ(air, shape, composer, mainZ, mainGz, auxZ, auxGz, z, g);
            mainZ[0] += Goldilocks.One;
            GoldilocksExt3 after = VerifierMath.CompositionAtZ(air, shape, composer, mainZ, mainGz, auxZ, auxGz, z, g);
            chunkZ[0] += after - before;
        }

        if (tamper is { WrongOodComposition: true })
        {
            chunkZ[0] += GoldilocksExt3.One;
        }

        (proof.OodMainCurrent, proof.OodMainNext, proof.OodAuxCurrent, proof.OodAuxNext, proof.OodChunks) = (mainZ, mainGz, auxZ, auxGz, chunkZ);
        GoldilocksExt3[] deep = transcript.AbsorbOodFrame(proof.EncodeOodFrame(), DeepCoefficientCount(shape));

        Phase("ood");
        // 6. DEEP polynomial D(X) = (P1(X) − P1(z))/(X − z) + (P2(X) − P2(gz))/(X − gz) + γ_R·R(X), in coefficients.
        var p1 = new GoldilocksExt3[n];
        var p2 = new GoldilocksExt3[n];
        DeepLayout layout = new(shape);
        GoldilocksExt3 p1z = GoldilocksExt3.Zero;
        GoldilocksExt3 p2gz = GoldilocksExt3.Zero;
        var terms1 = new List<(Goldilocks[] Coeffs, GoldilocksExt3 Factor)>();
        var terms2 = new List<(Goldilocks[] Coeffs, GoldilocksExt3 Factor)>();
        for (int c = 0; c < w; c++)
        {
            terms1.Add((mainCoeffs[c], deep[layout.MainCurrent + c]));
            terms2.Add((mainCoeffs[c], deep[layout.MainNext + c]));
            p1z += deep[layout.MainCurrent + c] * mainZ[c];
            p2gz += deep[layout.MainNext + c] * mainGz[c];
        }

        for (int c = 0; c < wa; c++)
        {
            AddComponentTerms(terms1, auxCoeffs, c, deep[layout.AuxCurrent + c]);
            AddComponentTerms(terms2, auxCoeffs, c, deep[layout.AuxNext + c]);
            p1z += deep[layout.AuxCurrent + c] * auxZ[c];
            p2gz += deep[layout.AuxNext + c] * auxGz[c];
        }

        for (int k = 0; k < chunks; k++)
        {
            AddComponentTerms(terms1, quotientCoeffs, k, deep[layout.Chunks + k]);
            p1z += deep[layout.Chunks + k] * chunkZ[k];
        }

        LinearCombination(terms1, p1);
        LinearCombination(terms2, p2);
        GoldilocksExt3[] d1 = PolynomialMath.DivideByLinear(p1, z, out GoldilocksExt3 rem1);
        GoldilocksExt3[] d2 = PolynomialMath.DivideByLinear(p2, gz, out GoldilocksExt3 rem2);
        if (selfCheck && (rem1 != p1z || rem2 != p2gz))
        {
            throw new InvalidOperationException("Internal error: DEEP openings are inconsistent.");
        }

        GoldilocksExt3 gammaR = deep[layout.Mask];
        Goldilocks[] r0 = quotientCoeffs[3 * chunks];
        Goldilocks[] r1 = quotientCoeffs[(3 * chunks) + 1];
        Goldilocks[] r2 = quotientCoeffs[(3 * chunks) + 2];
        int dLength = r0.Length;
        var dPoly = new Goldilocks[3][];
        for (int comp = 0; comp < 3; comp++)
        {
            dPoly[comp] = new Goldilocks[dLength];
        }

        for (int j = 0; j < dLength; j++)
        {
            GoldilocksExt3 deepPart = j < n ? d1[j] + d2[j] : GoldilocksExt3.Zero;
            GoldilocksExt3 v = deepPart + (gammaR * new GoldilocksExt3(r0[j], r1[j], r2[j]));
            dPoly[0][j] = v.A0;
            dPoly[1][j] = v.A1;
            dPoly[2][j] = v.A2;
        }

        var fComponents = new Goldilocks[3][];
        Parallel.For(0, 3, comp =>
        {
            fComponents[comp] = LargeArrays.Allocate<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(dPoly[comp], offset, fComponents[comp]);
        });
        GoldilocksExt3[] layer = LargeArrays.Allocate<GoldilocksExt3>(bigN);
        for (int i = 0; i < bigN; i++)
        {
            layer[i] = new GoldilocksExt3(fComponents[0][i], fComponents[1][i], fComponents[2][i]);
        }

        fComponents = [];

        Phase("deep");
        // 7. FRI: commit each layer as cosets of size f, fold with the drawn challenge, send the remainder.
        int f = options.FriFoldingFactor;
        var friTrees = new MerkleTree[shape.FriLayerCount];
        var friLayers = new GoldilocksExt3[shape.FriLayerCount][];
        Goldilocks layerOffset = offset;
        Goldilocks layerRoot = Goldilocks.RootOfUnity(shape.LdeLog2);
        Goldilocks[] zetaInv = FriFolding.ZetaInversePowers(f);
        Goldilocks fInv = new Goldilocks((ulong)f).Inverse();
        proof.FriRoots = new byte[shape.FriLayerCount][];
        for (int k = 0; k < shape.FriLayerCount; k++)
        {
            GoldilocksExt3[] current = layer;
            int m = current.Length / f;
            friLayers[k] = current;
            friTrees[k] = MerkleTree.Build(m, f * GoldilocksExt3.SizeInBytes, CreateSalts(rng, m), (i, dest) =>
            {
                for (int j = 0; j < f; j++)
                {
                    current[i + (j * m)].WriteTo(dest[(j * GoldilocksExt3.SizeInBytes)..]);
                }
            });
            proof.FriRoots[k] = friTrees[k].Root.ToArray();
            GoldilocksExt3 beta = transcript.AbsorbFriLayerRoot(friTrees[k].Root);
            GoldilocksExt3[] next = LargeArrays.Allocate<GoldilocksExt3>(m);
            Goldilocks offsetInv = layerOffset.Inverse();
            Goldilocks rootInv = layerRoot.Inverse();
            int tasks = Math.Max(1, m / PointChunk);
            Parallel.For(0, tasks, t =>
            {
                int from = (int)((long)m * t / tasks);
                int to = (int)((long)m * (t + 1) / tasks);
                Span<GoldilocksExt3> coset = stackalloc GoldilocksExt3[f];
                Goldilocks xInv = offsetInv * rootInv.Pow((ulong)from);
                for (int i = from; i < to; i++)
                {
                    for (int j = 0; j < f; j++)
                    {
                        coset[j] = current[i + (j * m)];
                    }

                    next[i] = FriFolding.FoldCoset(coset, xInv, beta, zetaInv, fInv);
                    xInv *= rootInv;
                }
            });
            layer = next;
            layerOffset = layerOffset.Pow((ulong)f);
            layerRoot = layerRoot.Pow((ulong)f);
        }

        proof.Remainder = ComputeRemainder(layer, layerOffset, shape.RemainderSize, selfCheck);
        transcript.AbsorbRemainder(proof.EncodeRemainder());

        Phase("fri");
        // 8. Grinding and query positions.
        ulong nonce = tamper is { SkipProofOfWork: true } ? FirstNonceWithoutWork(transcript) : transcript.Grind();
        int[] positions = transcript.AbsorbNonceForQueries(nonce);
        proof.PowNonce = nonce;
        if (tamper?.Positions is not null)
        {
            positions = tamper.Positions(positions);
        }

        int[] sorted = [.. positions.Distinct().Order()];
        if (tamper?.Positions is not null)
        {
            sorted = [.. positions.Order()];
        }

        proof.MainOpening = OpenBaseColumns(mainTree, mainLde, sorted);
        if (auxTree is not null)
        {
            proof.AuxOpening = OpenBaseColumns(auxTree, auxLde, sorted);
        }

        proof.QuotientOpening = OpenBaseColumns(quotientTree, quotientLde, sorted);
        proof.FriOpenings = new TreeOpening[shape.FriLayerCount];
        int layerSize = bigN;
        for (int k = 0; k < shape.FriLayerCount; k++)
        {
            int m = layerSize / f;
            int[] leaves = [.. sorted.Select(p => p % layerSize % m).Distinct().Order()];
            GoldilocksExt3[] current = friLayers[k];
            proof.FriOpenings[k] = OpenLeaves(friTrees[k], leaves, i =>
            {
                var values = new ulong[3 * f];
                for (int j = 0; j < f; j++)
                {
                    GoldilocksExt3 v = current[i + (j * m)];
                    (values[3 * j], values[(3 * j) + 1], values[(3 * j) + 2]) = (v.A0.Value, v.A1.Value, v.A2.Value);
                }

                return values;
            });
            layerSize = m;
        }

        Phase("grinding-and-openings");
        return proof;
    }

    private static ulong FirstNonceWithoutWork(StarkTranscript transcript)
    {
        ulong nonce = 0;
        while (transcript.HasWork(nonce))
        {
            nonce++;
        }

        return nonce;
    }

    internal static int DeepCoefficientCount(ProofShape shape) => (2 * (shape.MainWidth + shape.AuxWidth)) + shape.ChunkCount + 1;

    private static GoldilocksExt3[] ComputeRemainder(GoldilocksExt3[] layer, Goldilocks layerOffset, int size, bool selfCheck)
    {
        int len = layer.Length;
        var comps = new Goldilocks[3][];
        for (int comp = 0; comp < 3; comp++)
        {
            comps[comp] = new Goldilocks[len];
            for (int i = 0; i < len; i++)
            {
                comps[comp][i] = comp == 0 ? layer[i].A0 : comp == 1 ? layer[i].A1 : layer[i].A2;
            }

            Ntt.InverseCoset(comps[comp], layerOffset);

            if (selfCheck)
            {
                for (int j = size; j < len; j++)
                {
                    if (!comps[comp][j].IsZero)
                    {
                        throw new InvalidOperationException("Internal error: the FRI remainder exceeds its degree bound.");
                    }
                }
            }
        }

        var remainder = new GoldilocksExt3[size];
        for (int j = 0; j < size; j++)
        {
            remainder[j] = new GoldilocksExt3(comps[0][j], comps[1][j], comps[2][j]);
        }

        return remainder;
    }

    private static void InverseCosetLarge(Goldilocks[] values, Goldilocks offset)
    {
        Ntt.InverseParallel(values);
        Ntt.ScaleByPowers(values, offset.Inverse());
    }

    private static (Goldilocks[][] Coefficients, Goldilocks[][] Lde) ExtendColumns(int count, int n, int bigN, Goldilocks offset, Action<int, Span<Goldilocks>> fill)
    {
        var coeffs = new Goldilocks[count][];
        var lde = new Goldilocks[count][];
        Parallel.For(0, count, c =>
        {
            var evaluations = LargeArrays.Allocate<Goldilocks>(n);
            fill(c, evaluations);
            coeffs[c] = evaluations;
            Ntt.Inverse(coeffs[c]);
            lde[c] = LargeArrays.Allocate<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(coeffs[c], offset, lde[c]);
        });
        return (coeffs, lde);
    }

    // Large arrays live on the large-object heap; collecting between phases keeps the peak near the live set.
    private static void ReleaseMemory(int bigN)
    {
        if (bigN >= 1 << 20)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    internal static byte[] CreateSalts(IRandomSource rng, int leaves)
    {
        var salts = GC.AllocateUninitializedArray<byte>(leaves * MerkleTree.SaltSize);
        rng.Fill(salts);
        return salts;
    }

    private static MerkleTree CommitBaseColumns(Goldilocks[][] lde, int bigN, IRandomSource rng) =>
        MerkleTree.Build(bigN, lde.Length * Goldilocks.SizeInBytes, CreateSalts(rng, bigN), (first, count, dest, stride) =>
        {
            // Column by column: each column is read sequentially, the leaves are written with a stride.
            for (int c = 0; c < lde.Length; c++)
            {
                ReadOnlySpan<Goldilocks> column = lde[c].AsSpan(first, count);
                int at = c * Goldilocks.SizeInBytes;
                for (int k = 0; k < column.Length; k++, at += stride)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(dest[at..], column[k].Value);
                }
            }
        });

    private static TreeOpening OpenBaseColumns(MerkleTree tree, Goldilocks[][] lde, int[] sortedPositions) =>
        OpenLeaves(tree, sortedPositions, i =>
        {
            var values = new ulong[lde.Length];
            for (int c = 0; c < lde.Length; c++)
            {
                values[c] = lde[c][i].Value;
            }

            return values;
        });

    private static TreeOpening OpenLeaves(MerkleTree tree, int[] sortedLeaves, Func<int, ulong[]> read)
    {
        var values = new ulong[sortedLeaves.Length][];
        var salts = new byte[sortedLeaves.Length][];
        for (int k = 0; k < sortedLeaves.Length; k++)
        {
            int i = sortedLeaves[k];
            bool inRange = i >= 0 && i < tree.LeafCount;
            values[k] = inRange ? read(i) : read(0);
            salts[k] = (inRange ? tree.GetSalt(i) : tree.GetSalt(0)).ToArray();
        }

        byte[] siblings = MerkleVerifier.AreStrictlyIncreasingInRange(sortedLeaves, tree.LeafCount)
            ? tree.OpenBatch(sortedLeaves)
            : tree.OpenBatch([.. sortedLeaves.Where(i => i >= 0 && i < tree.LeafCount).Distinct().Order()]);
        return new TreeOpening(values, salts, siblings);
    }

    internal static GoldilocksExt3[] Powers(GoldilocksExt3 x, int count)
    {
        var powers = new GoldilocksExt3[count];
        GoldilocksExt3 p = GoldilocksExt3.One;
        for (int i = 0; i < count; i++)
        {
            powers[i] = p;
            p *= x;
        }

        return powers;
    }

    /// <summary>An extension column stored as components (c0, c1, c2) evaluates to c0(x) + u·c1(x) + u²·c2(x).</summary>
    private static GoldilocksExt3 CombineComponents(Goldilocks[][] components, int column, GoldilocksExt3[] powers)
    {
        GoldilocksExt3 v0 = PolynomialMath.EvaluateWithPowers(components[3 * column], powers);
        GoldilocksExt3 v1 = PolynomialMath.EvaluateWithPowers(components[(3 * column) + 1], powers);
        GoldilocksExt3 v2 = PolynomialMath.EvaluateWithPowers(components[(3 * column) + 2], powers);
        return VerifierMath.FromComponents(v0, v1, v2);
    }

    private static void AddComponentTerms(List<(Goldilocks[] Coeffs, GoldilocksExt3 Factor)> terms, Goldilocks[][] components, int column, GoldilocksExt3 factor)
    {
        terms.Add((components[3 * column], factor));
        terms.Add((components[(3 * column) + 1], factor * VerifierMath.U));
        terms.Add((components[(3 * column) + 2], factor * VerifierMath.USquared));
    }

    private static void LinearCombination(List<(Goldilocks[] Coeffs, GoldilocksExt3 Factor)> terms, GoldilocksExt3[] destination)
    {
        int n = destination.Length;
        int tasks = Math.Max(1, n / 4096);
        Parallel.For(0, tasks, t =>
        {
            int from = (int)((long)n * t / tasks);
            int to = (int)((long)n * (t + 1) / tasks);
            foreach ((Goldilocks[] coeffs, GoldilocksExt3 factor) in terms)
            {
                for (int j = from; j < to; j++)
                {
                    destination[j] += factor * coeffs[j];
                }
            }
        });
    }
}
