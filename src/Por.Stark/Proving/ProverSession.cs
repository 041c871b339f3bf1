// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Numerics;
using Por.Stark.Air;
using Por.Stark.Commitments;
using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Polynomials;
using Por.Stark.Randomness;

namespace Por.Stark.Proving;

/// <summary>
/// One proof in progress: the state the prover's phases hand to each other, and the phases themselves.
/// <see cref="StarkProver"/> runs them in order; the state is internal so that cheating-prover tests can run the same
/// phases and substitute a value between two of them (the honest prover has no deviation hooks).
/// </summary>
internal sealed class ProverSession : IDisposable
{
    private const int PointChunk = 1024;

    private readonly TraceTable _trace;
    private readonly IAuxTraceBuilder? _auxBuilder;
    private readonly IRandomSource _rng;
    private readonly bool _consumeTrace;
    private readonly IDisposable _retention;

    private MerkleTree? _mainTree;
    private MerkleTree? _auxTree;
    private MerkleTree? _quotientTree;
    private Goldilocks[][] _composition = [];
    private CosetBarycentric? _atZ;
    private CosetBarycentric? _atGz;
    private GoldilocksExt3[] _deepCoefficients = [];
    private Goldilocks[][] _deepQuotient = [];
    private GoldilocksExt3[] _friInput = [];
    private MerkleTree[] _friTrees = [];
    private GoldilocksExt3[][] _friLayers = [];
    private Goldilocks[][] _remainderCoefficients = [];

    /// <summary>Checks the inputs and opens the memory scope the phases' arrays are reused in.</summary>
    public ProverSession(StarkAir air, TraceTable trace, IAuxTraceBuilder? auxBuilder, StarkOptions options, IRandomSource rng, bool consumeTrace)
    {
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(rng);
        Shape = ProofShape.Create(air, options);
        if (trace.Width != Shape.MainWidth || trace.Rows != Shape.Context.RealRows)
        {
            throw new ArgumentException($"The trace must be {Shape.MainWidth} columns × {Shape.Context.RealRows} rows (n − h).", nameof(trace));
        }

        if (Shape.AuxWidth > 0 && auxBuilder is null)
        {
            throw new ArgumentException("The AIR has an auxiliary segment: its builder is required.", nameof(auxBuilder));
        }

        Air = air;
        _trace = trace;
        _auxBuilder = auxBuilder;
        _rng = rng;
        _consumeTrace = consumeTrace;
        Generator = Goldilocks.RootOfUnity(BitOperations.Log2((uint)Shape.TraceLength));
        Proof = new StarkProof { IsTestMode = rng.IsDeterministic };
        Transcript = new StarkTranscript(air, Shape, Proof.Flags);

        // Arrays given back during the proof are reused by its later phases (and by later proofs in an outer scope).
        _retention = ProverMemory.Retain();
    }

    public StarkAir Air { get; }

    public ProofShape Shape { get; }

    public StarkTranscript Transcript { get; }

    /// <summary>The proof, filled in phase by phase.</summary>
    public StarkProof Proof { get; }

    /// <summary>The LDE coset offset s.</summary>
    public static Goldilocks Offset => Goldilocks.MultiplicativeGenerator;

    /// <summary>g, the generator of the trace domain H.</summary>
    public Goldilocks Generator { get; }

    private int N => Shape.TraceLength;

    private int BigN => Shape.LdeSize;

    private int RealRows => Shape.Context.RealRows;

    /// <summary>The main columns on the LDE domain.</summary>
    public Goldilocks[][] MainLde { get; private set; } = [];

    /// <summary>The auxiliary columns (three base components per extension column) on the LDE domain.</summary>
    public Goldilocks[][] AuxLde { get; private set; } = [];

    public GoldilocksExt3[] AuxRandomness { get; private set; } = [];

    public ConstraintComposer? Composer { get; private set; }

    /// <summary>
    /// The quotient chunks' coefficients (three components each), then the DEEP mask R's three components; after
    /// <see cref="CommitComposition"/> only the mask's.
    /// </summary>
    public Goldilocks[][] QuotientCoefficients { get; private set; } = [];

    public Goldilocks[][] QuotientLde { get; private set; } = [];

    /// <summary>The out-of-domain point z.</summary>
    public GoldilocksExt3 Z { get; private set; }

    public GoldilocksExt3[] OodMainCurrent { get; private set; } = [];

    public GoldilocksExt3[] OodMainNext { get; private set; } = [];

    public GoldilocksExt3[] OodAuxCurrent { get; private set; } = [];

    public GoldilocksExt3[] OodAuxNext { get; private set; } = [];

    public GoldilocksExt3[] OodChunks { get; private set; } = [];

    /// <summary>The proof-of-work nonce sent (set by <see cref="GrindProofOfWork"/>).</summary>
    public ulong Nonce { get; set; }

    /// <summary>The query positions drawn from the transcript, in draw order.</summary>
    public int[] QueryPositions { get; private set; } = [];

    /// <summary>Main trace: the witness rows plus h random rows, interpolated and extended column by column.</summary>
    public void ExtendMainTrace()
    {
        int w = Shape.MainWidth;
        var randomTails = new Goldilocks[w][];
        for (int c = 0; c < w; c++)
        {
            randomTails[c] = RandomElements.Create(_rng, N - RealRows);
        }

        // Each column's n evaluations exist only while that column is being extended (memory: no second trace copy).
        MainLde = ExtendColumns(w, (c, evaluations) =>
        {
            _trace.GetColumn(c).CopyTo(evaluations);
            randomTails[c].CopyTo(evaluations[RealRows..]);
        });
        CollectIfLarge();
    }

    /// <summary>Commits the main LDE and draws the auxiliary challenges.</summary>
    public void CommitMainTrace()
    {
        _mainTree = CommitBaseColumns(MainLde);
        Proof.MainRoot = _mainTree.Root.ToArray();
        AuxRandomness = Transcript.AbsorbMainRoot(_mainTree.Root);
        if (Shape.AuxWidth == 0)
        {
            DropTraceIfConsumed();
        }
    }

    /// <summary>Auxiliary segment: built from the main rows and the challenges, then extended (no-op without one).</summary>
    public void BuildAuxTrace()
    {
        int wa = Shape.AuxWidth;
        if (wa == 0 || _auxBuilder is null)
        {
            return;
        }

        AuxTraceTable aux = _auxBuilder.Build(_trace, AuxRandomness);
        DropTraceIfConsumed();
        if (aux.Width != wa || aux.Rows != RealRows)
        {
            throw new InvalidOperationException("The auxiliary trace has the wrong shape.");
        }

        // Extension columns are committed as three base components each, each with its own random tail.
        var auxEvals = new Goldilocks[3 * wa][];
        for (int c = 0; c < wa; c++)
        {
            Span<GoldilocksExt3> column = aux.GetColumn(c);
            for (int k = 0; k < 3; k++)
            {
                Goldilocks[] e = LargeArrays.Rent<Goldilocks>(N);
                for (int r = 0; r < RealRows; r++)
                {
                    e[r] = k == 0 ? column[r].A0 : k == 1 ? column[r].A1 : column[r].A2;
                }

                RandomElements.Fill(_rng, e.AsSpan(RealRows));
                auxEvals[(3 * c) + k] = e;
            }
        }

        aux.Release();
        AuxLde = ExtendColumns(auxEvals.Length, (c, evaluations) => auxEvals[c].CopyTo(evaluations));
        LargeArrays.ReturnAll(auxEvals);
    }

    /// <summary>Commits the auxiliary LDE (no-op without an auxiliary segment).</summary>
    public void CommitAuxTrace()
    {
        if (Shape.AuxWidth == 0)
        {
            return;
        }

        _auxTree = CommitBaseColumns(AuxLde);
        Proof.AuxRoot = _auxTree.Root.ToArray();
        Transcript.AbsorbAuxRoot(_auxTree.Root);
    }

    /// <summary>Draws the composition coefficients and evaluates the constraint composition on the LDE domain.</summary>
    public void ComposeConstraints()
    {
        Composer = new ConstraintComposer(Air, Shape, AuxRandomness);
        Composer.SetCoefficients(Transcript.DrawCompositionCoefficients(Composer.CoefficientCount));
        _composition = CompositionEvaluator.Evaluate(Air, Shape, Composer, MainLde, AuxLde, Offset, Generator);
        CollectIfLarge();
    }

    /// <summary>The composition's evaluations become its coefficients, in place.</summary>
    public void InterpolateComposition() =>
        Parallel.For(0, 3, ProverParallelism.Options, k =>
        {
            Ntt.InverseParallel(_composition[k]);
            Ntt.ScaleByPowers(_composition[k], Offset.Inverse());
        });

    /// <summary>Self-check: a satisfying trace (and honest degrees) keeps the composition below the quotient bound.</summary>
    public void CheckQuotientDegree()
    {
        for (int k = 0; k < 3; k++)
        {
            for (int j = Shape.QuotientDegreeBound + 1; j < BigN; j++)
            {
                if (!_composition[k][j].IsZero)
                {
                    throw new InvalidOperationException("The trace does not satisfy the AIR (or a constraint degree is declared too low).");
                }
            }
        }
    }

    /// <summary>
    /// Cuts the composition into chunks of stride s, each of degree &lt; n, randomized so that neighbours' random terms
    /// cancel in Σ_k X^(k·s)·Q'_k.
    /// </summary>
    public void SplitQuotient()
    {
        int chunks = Shape.ChunkCount;
        int stride = Shape.ChunkStride;
        int hq = Shape.Options.QuotientRandomizerDegree;
        var randomizers = new Goldilocks[(chunks - 1) * 3][];
        for (int i = 0; i < randomizers.Length; i++)
        {
            randomizers[i] = RandomElements.Create(_rng, hq);
        }

        QuotientCoefficients = new Goldilocks[3 * (chunks + 1)][];
        for (int k = 0; k < chunks; k++)
        {
            for (int comp = 0; comp < 3; comp++)
            {
                Goldilocks[] chunk = LargeArrays.Rent<Goldilocks>(N);
                Array.Clear(chunk);
                int from = k * stride;
                int count = Math.Max(0, Math.Min(stride, BigN - from));
                _composition[comp].AsSpan(from, count).CopyTo(chunk);
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

                QuotientCoefficients[(3 * k) + comp] = chunk;
            }
        }

        LargeArrays.ReturnAll(_composition);
        _composition = [];
    }

    /// <summary>The DEEP/FRI mask R: uniformly random of degree &lt; n, committed with the chunks.</summary>
    public void DrawDeepMask() => DrawDeepMask(N);

    /// <summary>Draws the mask with <paramref name="coefficients"/> coefficients (tests: n + 1 for a too-high degree).</summary>
    public void DrawDeepMask(int coefficients)
    {
        int chunks = Shape.ChunkCount;
        for (int comp = 0; comp < 3; comp++)
        {
            QuotientCoefficients[(3 * chunks) + comp] = RandomElements.Create(_rng, coefficients);
        }
    }

    /// <summary>Extends and commits the chunks and the mask in one tree, then draws the out-of-domain point z.</summary>
    public void CommitComposition()
    {
        CollectIfLarge();
        Goldilocks[][] coefficients = QuotientCoefficients;
        var lde = new Goldilocks[coefficients.Length][];
        Parallel.For(0, coefficients.Length, ProverParallelism.Options, c =>
        {
            lde[c] = LargeArrays.Rent<Goldilocks>(BigN);
            Ntt.ExtendCoefficients(coefficients[c], Offset, lde[c]);
        });
        QuotientLde = lde;

        // Only the mask R is used in coefficient form later; the chunks are read from their LDE.
        int chunkComponents = 3 * Shape.ChunkCount;
        LargeArrays.ReturnAll(coefficients[..chunkComponents]);
        QuotientCoefficients = coefficients[chunkComponents..];
        _quotientTree = CommitBaseColumns(QuotientLde);
        Proof.QuotientRoot = _quotientTree.Root.ToArray();
        Z = Transcript.AbsorbQuotientRoot(_quotientTree.Root);
    }

    /// <summary>The out-of-domain frame, from the columns' values on the coset s·⟨g⟩ (every blowup-th LDE entry).</summary>
    public void EvaluateOutOfDomain()
    {
        int blowup = Shape.Options.BlowupFactor;
        int w = Shape.MainWidth;
        int wa = Shape.AuxWidth;
        int chunks = Shape.ChunkCount;
        _atZ = CosetBarycentric.Create(Z, Offset, Generator, N);
        _atGz = CosetBarycentric.Create(Z * Generator, Offset, Generator, N);
        GoldilocksExt3[][] mainFrame = CosetBarycentric.EvaluateColumns(MainLde, blowup, [_atZ, _atGz]);
        OodMainCurrent = new GoldilocksExt3[w];
        OodMainNext = new GoldilocksExt3[w];
        for (int c = 0; c < w; c++)
        {
            (OodMainCurrent[c], OodMainNext[c]) = (mainFrame[c][0], mainFrame[c][1]);
        }

        GoldilocksExt3[][] auxFrame = CosetBarycentric.EvaluateColumns(AuxLde, blowup, [_atZ, _atGz]);
        OodAuxCurrent = new GoldilocksExt3[wa];
        OodAuxNext = new GoldilocksExt3[wa];
        for (int c = 0; c < wa; c++)
        {
            OodAuxCurrent[c] = VerifierMath.FromComponents(auxFrame[3 * c][0], auxFrame[(3 * c) + 1][0], auxFrame[(3 * c) + 2][0]);
            OodAuxNext[c] = VerifierMath.FromComponents(auxFrame[3 * c][1], auxFrame[(3 * c) + 1][1], auxFrame[(3 * c) + 2][1]);
        }

        GoldilocksExt3[][] chunkFrame = CosetBarycentric.EvaluateColumns(QuotientLde.AsSpan(0, 3 * chunks).ToArray(), blowup, [_atZ]);
        OodChunks = new GoldilocksExt3[chunks];
        for (int k = 0; k < chunks; k++)
        {
            OodChunks[k] = VerifierMath.FromComponents(chunkFrame[3 * k][0], chunkFrame[(3 * k) + 1][0], chunkFrame[(3 * k) + 2][0]);
        }
    }

    /// <summary>Sends the out-of-domain frame and draws the DEEP coefficients.</summary>
    public void CommitOutOfDomain()
    {
        (Proof.OodMainCurrent, Proof.OodMainNext, Proof.OodAuxCurrent, Proof.OodAuxNext, Proof.OodChunks) =
            (OodMainCurrent, OodMainNext, OodAuxCurrent, OodAuxNext, OodChunks);
        _deepCoefficients = Transcript.AbsorbOodFrame(Proof.EncodeOodFrame(), StarkProver.DeepCoefficientCount(Shape));
    }

    /// <summary>The DEEP quotient D(X) = (P1(X) − P1(z))/(X − z) + (P2(X) − P2(gz))/(X − gz), in coefficients.</summary>
    public void BuildDeepComposition()
    {
        GoldilocksExt3[] deep = _deepCoefficients;
        DeepLayout layout = new(Shape);
        GoldilocksExt3 p1z = GoldilocksExt3.Zero;
        GoldilocksExt3 p2gz = GoldilocksExt3.Zero;
        var terms = new List<DeepEvaluator.Term>();
        for (int c = 0; c < Shape.MainWidth; c++)
        {
            terms.Add(new(MainLde[c], deep[layout.MainCurrent + c], deep[layout.MainNext + c], InNext: true));
            p1z += deep[layout.MainCurrent + c] * OodMainCurrent[c];
            p2gz += deep[layout.MainNext + c] * OodMainNext[c];
        }

        for (int c = 0; c < Shape.AuxWidth; c++)
        {
            AddComponentTerms(terms, AuxLde, c, deep[layout.AuxCurrent + c], deep[layout.AuxNext + c], inNext: true);
            p1z += deep[layout.AuxCurrent + c] * OodAuxCurrent[c];
            p2gz += deep[layout.AuxNext + c] * OodAuxNext[c];
        }

        for (int k = 0; k < Shape.ChunkCount; k++)
        {
            AddComponentTerms(terms, QuotientLde, k, deep[layout.Chunks + k], GoldilocksExt3.Zero, inNext: false);
            p1z += deep[layout.Chunks + k] * OodChunks[k];
        }

        _deepQuotient = DeepEvaluator.Coefficients(terms, p1z, p2gz, _atZ!, _atGz!, Shape.Options.BlowupFactor, Offset);
        _atZ!.Release();
        _atGz!.Release();
    }

    /// <summary>Self-check: with honest openings D has degree ≤ n − 2.</summary>
    public void CheckDeepComposition()
    {
        if (DeepTopCoefficientNonZero())
        {
            throw new InvalidOperationException("Internal error: DEEP openings are inconsistent.");
        }
    }

    /// <summary>The FRI input F = (1 + γ_c·X)·D + γ_R·R, extended to the LDE domain.</summary>
    public void ExtendDeepComposition()
    {
        // D has degree ≤ n − 2 when every committed column has degree < n, so F < n; a column of degree n gives D
        // degree n − 1 and F degree n, which FRI rejects. Only a prover without self-checks reaches n + 1 coefficients.
        DeepLayout layout = new(Shape);
        GoldilocksExt3 gammaR = _deepCoefficients[layout.Mask];
        GoldilocksExt3 gammaC = _deepCoefficients[layout.DegreeCorrection];
        Goldilocks[][] d = _deepQuotient;
        Goldilocks[] r0 = QuotientCoefficients[0];
        Goldilocks[] r1 = QuotientCoefficients[1];
        Goldilocks[] r2 = QuotientCoefficients[2];
        int dLength = Math.Max(r0.Length, DeepTopCoefficientNonZero() ? N + 1 : N);
        var dPoly = new Goldilocks[3][];
        for (int comp = 0; comp < 3; comp++)
        {
            dPoly[comp] = LargeArrays.Rent<Goldilocks>(dLength);
        }

        GoldilocksExt3 previous = GoldilocksExt3.Zero;
        for (int j = 0; j < dLength; j++)
        {
            GoldilocksExt3 current = j < N ? new GoldilocksExt3(d[0][j], d[1][j], d[2][j]) : GoldilocksExt3.Zero;
            GoldilocksExt3 deepPart = current + (gammaC * previous);
            previous = current;
            GoldilocksExt3 mask = j < r0.Length ? new GoldilocksExt3(r0[j], r1[j], r2[j]) : GoldilocksExt3.Zero;
            GoldilocksExt3 v = deepPart + (gammaR * mask);
            dPoly[0][j] = v.A0;
            dPoly[1][j] = v.A1;
            dPoly[2][j] = v.A2;
        }

        LargeArrays.ReturnAll(_deepQuotient);
        _deepQuotient = [];
        var fComponents = new Goldilocks[3][];
        Parallel.For(0, 3, ProverParallelism.Options, comp =>
        {
            fComponents[comp] = LargeArrays.Rent<Goldilocks>(BigN);
            Ntt.ExtendCoefficients(dPoly[comp], Offset, fComponents[comp]);
        });
        _friInput = LargeArrays.Rent<GoldilocksExt3>(BigN);
        for (int i = 0; i < BigN; i++)
        {
            _friInput[i] = new GoldilocksExt3(fComponents[0][i], fComponents[1][i], fComponents[2][i]);
        }

        LargeArrays.ReturnAll(fComponents);
        LargeArrays.ReturnAll(dPoly);
    }

    /// <summary>FRI: commits each layer as cosets of size f, folds with the drawn challenge, sends the remainder.</summary>
    public void ProveFri()
    {
        int f = Shape.Options.FriFoldingFactor;
        int layers = Shape.FriLayerCount;
        _friTrees = new MerkleTree[layers];
        _friLayers = new GoldilocksExt3[layers][];
        GoldilocksExt3[] layer = _friInput;
        _friInput = [];
        Goldilocks layerOffset = Offset;
        Goldilocks layerRoot = Goldilocks.RootOfUnity(Shape.LdeLog2);
        Proof.FriRoots = new byte[layers][];
        for (int k = 0; k < layers; k++)
        {
            _friLayers[k] = layer;
            _friTrees[k] = CommitFriLayer(layer, f);
            Proof.FriRoots[k] = _friTrees[k].Root.ToArray();
            GoldilocksExt3 beta = Transcript.AbsorbFriLayerRoot(_friTrees[k].Root);
            layer = FoldLayer(layer, f, beta, layerOffset, layerRoot);
            layerOffset = layerOffset.Pow((ulong)f);
            layerRoot = layerRoot.Pow((ulong)f);
        }

        _remainderCoefficients = Interpolate(layer, layerOffset);
        var remainder = new GoldilocksExt3[Shape.RemainderSize];
        for (int j = 0; j < remainder.Length; j++)
        {
            remainder[j] = new GoldilocksExt3(_remainderCoefficients[0][j], _remainderCoefficients[1][j], _remainderCoefficients[2][j]);
        }

        Proof.Remainder = remainder;
        Transcript.AbsorbRemainder(Proof.EncodeRemainder());
    }

    /// <summary>Self-check: the last FRI layer is a polynomial within the remainder's degree bound.</summary>
    public void CheckRemainderDegree()
    {
        foreach (Goldilocks[] component in _remainderCoefficients)
        {
            for (int j = Shape.RemainderSize; j < component.Length; j++)
            {
                if (!component[j].IsZero)
                {
                    throw new InvalidOperationException("Internal error: the FRI remainder exceeds its degree bound.");
                }
            }
        }
    }

    /// <summary>Grinding: finds a nonce with the pinned number of leading zero bits.</summary>
    public void GrindProofOfWork() => Nonce = Transcript.Grind();

    /// <summary>Sends <see cref="Nonce"/> and draws the query positions from the transcript.</summary>
    public void DrawQueryPositions()
    {
        QueryPositions = Transcript.AbsorbNonceForQueries(Nonce);
        Proof.PowNonce = Nonce;
    }

    /// <summary>Opens every committed tree at the drawn positions (once each, ascending).</summary>
    public void OpenQueries() => OpenQueries([.. QueryPositions.Distinct().Order()]);

    /// <summary>Opens every committed tree at <paramref name="sortedPositions"/> as given (tests: altered positions).</summary>
    public void OpenQueries(int[] sortedPositions)
    {
        int f = Shape.Options.FriFoldingFactor;
        Proof.MainOpening = OpenBaseColumns(_mainTree!, MainLde, sortedPositions);
        if (_auxTree is not null)
        {
            Proof.AuxOpening = OpenBaseColumns(_auxTree, AuxLde, sortedPositions);
        }

        Proof.QuotientOpening = OpenBaseColumns(_quotientTree!, QuotientLde, sortedPositions);
        Proof.FriOpenings = new TreeOpening[Shape.FriLayerCount];
        int layerSize = BigN;
        for (int k = 0; k < Shape.FriLayerCount; k++)
        {
            int m = layerSize / f;
            int[] leaves = [.. sortedPositions.Select(p => p % layerSize % m).Distinct().Order()];
            GoldilocksExt3[] current = _friLayers[k];
            Proof.FriOpenings[k] = OpenLeaves(_friTrees[k], leaves, i =>
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
    }

    /// <summary>The finished proof; every large array goes back to the pool (nothing of the proof refers to them).</summary>
    public StarkProof Assemble()
    {
        // The trees keep LDE references: their storage goes first.
        _mainTree?.ReturnStorage();
        _auxTree?.ReturnStorage();
        _quotientTree?.ReturnStorage();
        foreach (MerkleTree friTree in _friTrees)
        {
            friTree.ReturnStorage();
        }

        LargeArrays.ReturnAll(MainLde);
        LargeArrays.ReturnAll(AuxLde);
        LargeArrays.ReturnAll(QuotientLde);
        LargeArrays.ReturnAll(_friLayers);
        (MainLde, AuxLde, QuotientLde, _friLayers, _friTrees) = ([], [], [], [], []);
        return Proof;
    }

    public void Dispose() => _retention.Dispose();

    private bool DeepTopCoefficientNonZero() =>
        !_deepQuotient[0][N - 1].IsZero || !_deepQuotient[1][N - 1].IsZero || !_deepQuotient[2][N - 1].IsZero;

    private void DropTraceIfConsumed()
    {
        if (_consumeTrace)
        {
            _trace.Release();
        }
    }

    // Large arrays live on the large-object heap; collecting between phases keeps the peak near the live set.
    private void CollectIfLarge()
    {
        if (BigN >= 1 << 20)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    // Each column's n evaluations become its coefficients only long enough to extend them: the prover keeps no
    // coefficient copy of the trace (the out-of-domain and DEEP phases read the coset values from the LDE).
    private Goldilocks[][] ExtendColumns(int count, Action<int, Span<Goldilocks>> fill)
    {
        int n = N;
        int bigN = BigN;
        Goldilocks offset = Offset;
        var lde = new Goldilocks[count][];
        Parallel.For(0, count, ProverParallelism.Options, c =>
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

    private MerkleTree CommitBaseColumns(Goldilocks[][] lde) =>
        MerkleTree.Build(BigN, lde.Length * Goldilocks.SizeInBytes, StarkProver.CreateSalts(_rng, BigN), (first, count, dest, stride) =>
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

    private MerkleTree CommitFriLayer(GoldilocksExt3[] layer, int f)
    {
        int m = layer.Length / f;
        return MerkleTree.Build(m, f * GoldilocksExt3.SizeInBytes, StarkProver.CreateSalts(_rng, m), (i, dest) =>
        {
            for (int j = 0; j < f; j++)
            {
                layer[i + (j * m)].WriteTo(dest[(j * GoldilocksExt3.SizeInBytes)..]);
            }
        });
    }

    private static GoldilocksExt3[] FoldLayer(GoldilocksExt3[] current, int f, GoldilocksExt3 beta, Goldilocks layerOffset, Goldilocks layerRoot)
    {
        int m = current.Length / f;
        Goldilocks[] zetaInv = FriFolding.ZetaInversePowers(f);
        Goldilocks fInv = new Goldilocks((ulong)f).Inverse();
        GoldilocksExt3[] next = LargeArrays.Rent<GoldilocksExt3>(m);
        Goldilocks offsetInv = layerOffset.Inverse();
        Goldilocks rootInv = layerRoot.Inverse();
        int tasks = Math.Max(1, m / PointChunk);
        Parallel.For(0, tasks, ProverParallelism.Options, t =>
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
        return next;
    }

    /// <summary>The last layer's coefficients, per component.</summary>
    private static Goldilocks[][] Interpolate(GoldilocksExt3[] layer, Goldilocks layerOffset)
    {
        var comps = new Goldilocks[3][];
        for (int comp = 0; comp < 3; comp++)
        {
            comps[comp] = new Goldilocks[layer.Length];
            for (int i = 0; i < layer.Length; i++)
            {
                comps[comp][i] = comp == 0 ? layer[i].A0 : comp == 1 ? layer[i].A1 : layer[i].A2;
            }

            Ntt.InverseCoset(comps[comp], layerOffset);
        }

        return comps;
    }

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
