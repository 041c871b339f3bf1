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

    /// <summary>
    /// Proves like <see cref="Prove(StarkAir, TraceTable, StarkOptions, IRandomSource?)"/>; with
    /// <paramref name="consumeTrace"/> the prover drops the trace's columns as soon as it no longer needs them (once
    /// the auxiliary segment is built), which lowers the peak memory by the trace's size. The table is unusable
    /// afterwards.
    /// </summary>
    /// <param name="air">The statement.</param>
    /// <param name="trace">The witness rows: exactly n − h rows.</param>
    /// <param name="options">The proof options (the verifier must pin the same).</param>
    /// <param name="randomSource">The ZK randomness; <see langword="null"/> means the OS CSPRNG.</param>
    /// <param name="consumeTrace">Whether the prover may drop the trace's columns.</param>
    /// <returns>The canonical proof bytes.</returns>
    public static byte[] Prove(StarkAir air, TraceTable trace, StarkOptions options, IRandomSource? randomSource, bool consumeTrace) =>
        ProveCore(air, trace, options, randomSource ?? OsRandomSource.Instance, tamper: null, consumeTrace).Encode();

    internal static StarkProof ProveCore(StarkAir air, TraceTable trace, StarkOptions options, IRandomSource rng, ProverTamper? tamper, bool consumeTrace = false)
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

        // Arrays given back during the proof are reused by its later phases (and by later proofs in an outer scope).
        using IDisposable retention = ProverMemory.Retain();
        bool selfCheck = tamper is null || !tamper.SkipSelfChecks;
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2((uint)n));
        var proof = new StarkProof { IsTestMode = rng.IsDeterministic };
        var transcript = new StarkTranscript(air, shape, proof.Flags);

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
        Goldilocks[][] mainLde = ExtendColumns(w, n, bigN, offset, (c, evaluations) =>
        {
            trace.GetColumn(c).CopyTo(evaluations);
            randomTails[c].CopyTo(evaluations[realRows..]);
        });
        randomTails = [];
        ReleaseMemory(bigN);
        if (tamper is { DegreeNColumn: ProverTamper.Column.MainTrace })
        {
            AddVanishingOnTrace(mainLde[0], offset, n, shape.LdeLog2);
        }

        MerkleTree mainTree = CommitBaseColumns(mainLde, bigN, rng);
        proof.MainRoot = mainTree.Root.ToArray();
        GoldilocksExt3[] auxRandomness = transcript.AbsorbMainRoot(mainTree.Root);

        if (consumeTrace && shape.AuxWidth == 0)
        {
            trace.Release();
        }

        Phase("main-trace");
        // 2. Auxiliary segment (extension columns stored as three base components each).
        int wa = shape.AuxWidth;
        Goldilocks[][] auxLde = [];
        MerkleTree? auxTree = null;
        if (wa > 0)
        {
            AuxTraceTable aux = air.BuildAuxTrace(trace, auxRandomness);
            if (consumeTrace)
            {
                trace.Release();
            }

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
                    Goldilocks[] e = LargeArrays.Rent<Goldilocks>(n);
                    for (int r = 0; r < realRows; r++)
                    {
                        e[r] = k == 0 ? column[r].A0 : k == 1 ? column[r].A1 : column[r].A2;
                    }

                    RandomElements.Fill(rng, e.AsSpan(realRows));
                    auxEvals[(3 * c) + k] = e;
                }
            }

            aux.Release();
            auxLde = ExtendColumns(auxEvals.Length, n, bigN, offset, (c, evaluations) => auxEvals[c].CopyTo(evaluations));
            LargeArrays.ReturnAll(auxEvals);
            if (tamper is { DegreeNColumn: ProverTamper.Column.AuxTrace })
            {
                AddVanishingOnTrace(auxLde[0], offset, n, shape.LdeLog2);
            }

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
                Goldilocks[] chunk = LargeArrays.Rent<Goldilocks>(n);
                Array.Clear(chunk);
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

        if (tamper is { DegreeNColumn: ProverTamper.Column.QuotientChunk })
        {
            // Q'_0 += X^n and Q'_1 −= X^(n − s): the X^0 and X^s terms of Σ_k X^(k·s)·Q'_k cancel, H is unchanged.
            Goldilocks[] longer = new Goldilocks[n + 1];
            quotientCoeffs[0].CopyTo(longer, 0);
            longer[n] = Goldilocks.One;
            quotientCoeffs[0] = longer;
            quotientCoeffs[3][n - stride] -= Goldilocks.One;
        }

        for (int comp = 0; comp < 3; comp++)
        {
            // The DEEP/FRI mask R: uniformly random of degree < n. The high-degree tamper gives it one more
            // coefficient, so FRI's final layer exceeds the remainder bound while every opening stays consistent.
            quotientCoeffs[(3 * chunks) + comp] = RandomElements.Create(rng, tamper is { HighDegreeRemainder: true } ? n + 1 : n);
        }

        LargeArrays.ReturnAll(h);
        h = [];
        ReleaseMemory(bigN);
        var quotientLde = new Goldilocks[quotientCoeffs.Length][];
        Parallel.For(0, quotientCoeffs.Length, c =>
        {
            quotientLde[c] = LargeArrays.Rent<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(quotientCoeffs[c], offset, quotientLde[c]);
        });
        // Only the DEEP mask R is used in coefficient form later; the chunks are read from their LDE.
        Goldilocks[][] maskCoeffs = quotientCoeffs[(3 * chunks)..];
        LargeArrays.ReturnAll(quotientCoeffs[..(3 * chunks)]);
        quotientCoeffs = [];
        MerkleTree quotientTree = CommitBaseColumns(quotientLde, bigN, rng);
        proof.QuotientRoot = quotientTree.Root.ToArray();
        GoldilocksExt3 z = transcript.AbsorbQuotientRoot(quotientTree.Root);
        GoldilocksExt3 gz = z * g;

        Phase("quotient-commit");
        // 5. Out-of-domain frame, from the columns' values on the coset s·⟨g⟩ (every blowup-th LDE entry).
        var atZ = CosetBarycentric.Create(z, offset, g, n);
        var atGz = CosetBarycentric.Create(gz, offset, g, n);
        GoldilocksExt3[][] mainFrame = CosetBarycentric.EvaluateColumns(mainLde, blowup, [atZ, atGz]);
        var mainZ = new GoldilocksExt3[w];
        var mainGz = new GoldilocksExt3[w];
        for (int c = 0; c < w; c++)
        {
            (mainZ[c], mainGz[c]) = (mainFrame[c][0], mainFrame[c][1]);
        }

        GoldilocksExt3[][] auxFrame = CosetBarycentric.EvaluateColumns(auxLde, blowup, [atZ, atGz]);
        var auxZ = new GoldilocksExt3[wa];
        var auxGz = new GoldilocksExt3[wa];
        for (int c = 0; c < wa; c++)
        {
            auxZ[c] = VerifierMath.FromComponents(auxFrame[3 * c][0], auxFrame[(3 * c) + 1][0], auxFrame[(3 * c) + 2][0]);
            auxGz[c] = VerifierMath.FromComponents(auxFrame[3 * c][1], auxFrame[(3 * c) + 1][1], auxFrame[(3 * c) + 2][1]);
        }

        GoldilocksExt3[][] chunkFrame = CosetBarycentric.EvaluateColumns(quotientLde.AsSpan(0, 3 * chunks).ToArray(), blowup, [atZ]);
        var chunkZ = new GoldilocksExt3[chunks];
        for (int k = 0; k < chunks; k++)
        {
            chunkZ[k] = VerifierMath.FromComponents(chunkFrame[3 * k][0], chunkFrame[(3 * k) + 1][0], chunkFrame[(3 * k) + 2][0]);
        }

        if (tamper is not null && tamper.DegreeNColumn != ProverTamper.Column.None)
        {
            // The barycentric form on s·H returns the value of the degree-< n interpolant; a column with an added X^n
            // term differs from it by ζ^n − s^n at ζ. The cheating prover sends the true values.
            GoldilocksExt3 sn = GoldilocksExt3.FromBase(offset.Pow((ulong)n));
            if (tamper.DegreeNColumn == ProverTamper.Column.MainTrace)
            {
                mainZ[0] += z.Pow((ulong)n) - sn;
                mainGz[0] += gz.Pow((ulong)n) - sn;
            }
            else if (tamper.DegreeNColumn == ProverTamper.Column.AuxTrace)
            {
                auxZ[0] += z.Pow((ulong)n) - sn;
                auxGz[0] += gz.Pow((ulong)n) - sn;
            }
            else
            {
                chunkZ[0] += z.Pow((ulong)n) - sn;
            }
        }

        if (tamper is not null && tamper.WrongOodValue != ProverTamper.OodEntry.None)
        {
            GoldilocksExt3 before = VerifierMath.CompositionAtZ(air, shape, composer, mainZ, mainGz, auxZ, auxGz, z, g);
            GoldilocksExt3[] target = tamper.WrongOodValue switch
            {
                ProverTamper.OodEntry.MainAtZ => mainZ,
                ProverTamper.OodEntry.MainAtGz => mainGz,
                ProverTamper.OodEntry.AuxAtZ => auxZ,
                _ => auxGz,
            };
            target[0] += Goldilocks.One;
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
        // 6. DEEP quotient D(X) = (P1(X) − P1(z))/(X − z) + (P2(X) − P2(gz))/(X − gz), then the FRI input
        //    F = (1 + γ_c·X)·D + γ_R·R, in coefficients.
        DeepLayout layout = new(shape);
        GoldilocksExt3 p1z = GoldilocksExt3.Zero;
        GoldilocksExt3 p2gz = GoldilocksExt3.Zero;
        var terms = new List<DeepEvaluator.Term>();
        for (int c = 0; c < w; c++)
        {
            terms.Add(new(mainLde[c], deep[layout.MainCurrent + c], deep[layout.MainNext + c], InNext: true));
            p1z += deep[layout.MainCurrent + c] * mainZ[c];
            p2gz += deep[layout.MainNext + c] * mainGz[c];
        }

        for (int c = 0; c < wa; c++)
        {
            AddComponentTerms(terms, auxLde, c, deep[layout.AuxCurrent + c], deep[layout.AuxNext + c], inNext: true);
            p1z += deep[layout.AuxCurrent + c] * auxZ[c];
            p2gz += deep[layout.AuxNext + c] * auxGz[c];
        }

        for (int k = 0; k < chunks; k++)
        {
            AddComponentTerms(terms, quotientLde, k, deep[layout.Chunks + k], GoldilocksExt3.Zero, inNext: false);
            p1z += deep[layout.Chunks + k] * chunkZ[k];
        }

        Goldilocks[][] dCoeffs = DeepEvaluator.Coefficients(terms, p1z, p2gz, atZ, atGz, blowup, offset);
        if (selfCheck && (!dCoeffs[0][n - 1].IsZero || !dCoeffs[1][n - 1].IsZero || !dCoeffs[2][n - 1].IsZero))
        {
            throw new InvalidOperationException("Internal error: DEEP openings are inconsistent.");
        }

        atZ.Release();
        atGz.Release();

        // F = (1 + γ_c·X)·D + γ_R·R. D has degree ≤ n − 2 when every committed column has degree < n, so F < n; a
        // column of degree n gives D degree n − 1 and F degree n, which FRI rejects. Only a cheating prover (self-checks
        // off) reaches the n + 1-coefficient case.
        GoldilocksExt3 gammaR = deep[layout.Mask];
        GoldilocksExt3 gammaC = deep[layout.DegreeCorrection];
        Goldilocks[] r0 = maskCoeffs[0];
        Goldilocks[] r1 = maskCoeffs[1];
        Goldilocks[] r2 = maskCoeffs[2];
        bool topNonZero = !dCoeffs[0][n - 1].IsZero || !dCoeffs[1][n - 1].IsZero || !dCoeffs[2][n - 1].IsZero;
        int dLength = Math.Max(r0.Length, topNonZero ? n + 1 : n);
        var dPoly = new Goldilocks[3][];
        for (int comp = 0; comp < 3; comp++)
        {
            dPoly[comp] = LargeArrays.Rent<Goldilocks>(dLength);
        }

        GoldilocksExt3 previous = GoldilocksExt3.Zero;
        for (int j = 0; j < dLength; j++)
        {
            GoldilocksExt3 current = j < n ? new GoldilocksExt3(dCoeffs[0][j], dCoeffs[1][j], dCoeffs[2][j]) : GoldilocksExt3.Zero;
            GoldilocksExt3 deepPart = current + (gammaC * previous);
            previous = current;
            GoldilocksExt3 mask = j < r0.Length ? new GoldilocksExt3(r0[j], r1[j], r2[j]) : GoldilocksExt3.Zero;
            GoldilocksExt3 v = deepPart + (gammaR * mask);
            dPoly[0][j] = v.A0;
            dPoly[1][j] = v.A1;
            dPoly[2][j] = v.A2;
        }

        LargeArrays.ReturnAll(dCoeffs);
        var fComponents = new Goldilocks[3][];
        Parallel.For(0, 3, comp =>
        {
            fComponents[comp] = LargeArrays.Rent<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(dPoly[comp], offset, fComponents[comp]);
        });
        GoldilocksExt3[] layer = LargeArrays.Rent<GoldilocksExt3>(bigN);
        for (int i = 0; i < bigN; i++)
        {
            layer[i] = new GoldilocksExt3(fComponents[0][i], fComponents[1][i], fComponents[2][i]);
        }

        LargeArrays.ReturnAll(fComponents);
        LargeArrays.ReturnAll(dPoly);
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
            GoldilocksExt3[] next = LargeArrays.Rent<GoldilocksExt3>(m);
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

        // Nothing of the proof refers to these any more: give them to the next user (the trees keep LDE references).
        mainTree.ReturnStorage();
        auxTree?.ReturnStorage();
        quotientTree.ReturnStorage();
        foreach (MerkleTree friTree in friTrees)
        {
            friTree.ReturnStorage();
        }

        LargeArrays.ReturnAll(mainLde);
        LargeArrays.ReturnAll(auxLde);
        LargeArrays.ReturnAll(quotientLde);
        LargeArrays.ReturnAll(friLayers);
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

    internal static int DeepCoefficientCount(ProofShape shape) => (2 * (shape.MainWidth + shape.AuxWidth)) + shape.ChunkCount + 2;

    /// <summary>Cheating prover only: column += X^n − 1 on the LDE (unchanged on H, degree n).</summary>
    private static void AddVanishingOnTrace(Goldilocks[] lde, Goldilocks offset, int n, int ldeLog2)
    {
        Goldilocks omega = Goldilocks.RootOfUnity(ldeLog2);
        for (int i = 0; i < lde.Length; i++)
        {
            lde[i] += (offset * omega.Pow((ulong)i)).Pow((ulong)n) - Goldilocks.One;
        }
    }

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

    // Each column's n evaluations become its coefficients only long enough to extend them: the prover keeps no
    // coefficient copy of the trace (the out-of-domain and DEEP phases read the coset values from the LDE).
    private static Goldilocks[][] ExtendColumns(int count, int n, int bigN, Goldilocks offset, Action<int, Span<Goldilocks>> fill)
    {
        var lde = new Goldilocks[count][];
        Parallel.For(0, count, c =>
        {
            Goldilocks[] coefficients = LargeArrays.Rent<Goldilocks>(n);
            fill(c, coefficients);
            Ntt.Inverse(coefficients);
            lde[c] = LargeArrays.Rent<Goldilocks>(bigN);
            Ntt.ExtendCoefficients(coefficients, offset, lde[c]);
            LargeArrays.Return(coefficients);
        });
        return lde;
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
        byte[] salts = LargeArrays.Rent<byte>(leaves * MerkleTree.SaltSize);
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

    /// <summary>An extension column stored as components (c0, c1, c2) is c0 + u·c1 + u²·c2: factor f becomes (f, f·u, f·u²).</summary>
    private static void AddComponentTerms(List<DeepEvaluator.Term> terms, Goldilocks[][] components, int column, GoldilocksExt3 current, GoldilocksExt3 next, bool inNext)
    {
        terms.Add(new(components[3 * column], current, next, inNext));
        terms.Add(new(components[(3 * column) + 1], current * VerifierMath.U, next * VerifierMath.U, inNext));
        terms.Add(new(components[(3 * column) + 2], current * VerifierMath.USquared, next * VerifierMath.USquared, inNext));
    }
}
