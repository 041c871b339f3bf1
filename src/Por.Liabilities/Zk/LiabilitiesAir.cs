// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.LogUp;

namespace Por.Liabilities.Zk;

/// <summary>
/// The liabilities AIR for one batch: ALL its constraints are in this file (docs/liabilities-zk.md §3).
/// One Poseidon2-w8 permutation per row. Row kinds, in order: leaf rows (⌈k/2⌉ per account, accounts 0..N−1),
/// node rows (nid = N−1 down to 1, the last one is the root), carry rows (asset 1, 2, …), chain-in rows (asset 1..A,
/// hashing the opening of K_in), chain-out rows (asset 1..A, hashing the opening of K_out), padding rows; the last
/// witness row is padding and carries no fraction. One LogUp accumulator carries three tagged buses: range (16-bit
/// limbs, table t + k·R), asset sums (numerator lo + γ·hi: holdings and S_in add, S_out subtracts, carry rows hide the
/// per-asset low-word carry) and the tree digest bus (id, digest).
/// </summary>
public sealed class LiabilitiesAir : StarkAir
{
    /// <summary>AIR version string (bound in every proof).</summary>
    public const string Version = "por.liabilities.zk/v2";

    /// <summary>Range bus tag.</summary>
    public const ulong RangeTag = 1;

    /// <summary>Asset-sum bus tag.</summary>
    public const ulong AssetTag = 2;

    /// <summary>Tree digest bus tag.</summary>
    public const ulong TreeTag = 3;

    /// <summary>Size of the range table: values [0, 2^16).</summary>
    public const int RangeSize = 1 << 16;

    // Column offsets, read once from LiabilitiesLayout (the JIT folds static readonly ints into constants).

    /// <summary>Permutation inputs in[0..8], the first of the permutation row's columns (Poseidon2Row).</summary>
    public static readonly int In = Column(nameof(In));

    /// <summary>First column of the last full round state; its lanes 0..3 are the digest.</summary>
    public static readonly int Digest = LiabilitiesLayout.Fixed[nameof(In)].End - ZkAccountEncoding.Permutation.Parameters.Width;

    /// <summary>Slot s starts at Slot0 + SlotWidth·s: asset id, limbs l0..l3 (lo = l0 + 2^16·l1, hi = l2 + 2^16·l3), last flag.</summary>
    public static readonly int Slot0 = Column(nameof(Slot0));

    /// <summary>Offsets inside a slot, and its width.</summary>
    public static readonly int SlotAsset = SlotColumn(nameof(SlotAsset)), SlotLimb0 = SlotColumn(nameof(SlotLimb0)),
        SlotLast = SlotColumn(nameof(SlotLast)), SlotWidth = LiabilitiesLayout.Slot.Width;

    /// <summary>Flag columns.</summary>
    public static readonly int First = Column(nameof(First)), Cont = Column(nameof(Cont)), LastLeaf = Column(nameof(LastLeaf)),
        Node = Column(nameof(Node)), Root = Column(nameof(Root)), Carry = Column(nameof(Carry)), Valid0 = Column(nameof(Valid0)),
        Valid1 = Valid0 + 1;

    /// <summary>Account index and node id.</summary>
    public static readonly int Acct = Column(nameof(Acct)), Nid = Column(nameof(Nid));

    /// <summary>Chain-in and chain-out row flags.</summary>
    public static readonly int ChainIn = Column(nameof(ChainIn)), ChainOut = Column(nameof(ChainOut));

    /// <summary>Range table ramp t and the first multiplicity column.</summary>
    public static readonly int Table = Column(nameof(Table)), Multiplicity0 = LiabilitiesLayout.Main(0)[nameof(Multiplicity0)].Offset;

    /// <summary>LogUp fractions per auxiliary column (fraction f is in column f / 6).</summary>
    public const int FractionsPerColumn = 6;

    /// <summary>Fractions before the range table's K receives (see <see cref="Fractions"/> for their order).</summary>
    public const int FixedFractions = 17;

    // Scratch for counting the main constraints (EvaluateTransition writes 169; more would throw, not truncate).
    private const int MainConstraintCapacity = 256;

    // Degrees, counted symbolically once per shape: they depend only on whether the batch is the last (no K_out
    // constraints) and on K (the fraction columns). Shared read-only lists.
    private static readonly ConcurrentDictionary<(bool IsFinal, int TableColumns), (IReadOnlyList<int> Main, IReadOnlyList<int> Aux)> s_degrees = new();

    private static readonly Goldilocks s_two16 = new(1UL << 16);
    private static readonly Goldilocks s_two32 = new(1UL << 32);
    private static readonly Goldilocks s_two48 = new(1UL << 48);
    private static readonly Goldilocks s_two49 = new(ZkAccountEncoding.FirstBlockMarker);
    private static readonly Goldilocks s_two8 = new(1UL << 8);

    private readonly Poseidon2 _permutation = Poseidon2.Goldilocks8;

    /// <summary>Creates the AIR for a statement.</summary>
    /// <param name="statement">The public statement of the batch.</param>
    /// <param name="traceLength">n, a power of two.</param>
    /// <param name="randomRows">h (from the pinned options).</param>
    public LiabilitiesAir(ZkBatchStatement statement, int traceLength, int randomRows)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!BitOperations.IsPow2(traceLength))
        {
            throw new ArgumentException("The trace length must be a power of two.", nameof(traceLength));
        }

        Statement = statement;
        TraceLength = traceLength;
        RandomRows = randomRows;
        int real = traceLength - randomRows;
        if (real < 4)
        {
            throw new ArgumentException("The trace has too few witness rows.", nameof(traceLength));
        }

        // R = the largest power of two ≤ real − 1 (the last witness row must not hold the ramp's only top value).
        TableRows = Math.Min(RangeSize, 1 << BitOperations.Log2((uint)(real - 1)));

        TableColumns = RangeSize / TableRows;
        int fractions = FixedFractions + TableColumns;
        FractionColumns = (fractions + FractionsPerColumn - 1) / FractionsPerColumn;
        MainWidth = LiabilitiesLayout.Main(TableColumns).Width;
        AuxWidth = LiabilitiesLayout.Aux(FractionColumns).Width;

        // Last: counting evaluates this instance's constraints, which read the shape set above.
        (MainConstraintDegrees, AuxConstraintDegrees) = s_degrees.GetOrAdd((statement.IsFinal, TableColumns), static (_, air) => air.CountDegrees(), this);
    }

    /// <summary>The statement.</summary>
    public ZkBatchStatement Statement { get; }

    /// <summary>h.</summary>
    public int RandomRows { get; }

    /// <summary>R: rows of the range ramp t (0..R−1); the table is t + k·R for k &lt; K.</summary>
    public int TableRows { get; }

    /// <summary>K = 2^16 / R multiplicity columns.</summary>
    public int TableColumns { get; }

    /// <summary>Number of LogUp fractions per row: <see cref="FixedFractions"/> + K.</summary>
    public int FractionCount => FixedFractions + TableColumns;

    /// <summary>Number of LogUp fraction columns (the accumulator follows them).</summary>
    public int FractionColumns { get; }

    /// <inheritdoc />
    public override string Id => Version + "/" + ZkAccountEncoding.Permutation.Parameters.Id;

    /// <inheritdoc />
    public override int TraceLength { get; }

    /// <inheritdoc />
    public override int MainWidth { get; }

    /// <inheritdoc />
    public override int AuxWidth { get; }

    /// <inheritdoc />
    public override int AuxRandomElementCount => 3;

    /// <inheritdoc />
    /// <remarks>Counted from <see cref="EvaluateTransition"/> by <see cref="ConstraintDegreeCounter"/>, not declared by hand.</remarks>
    public override IReadOnlyList<int> MainConstraintDegrees { get; }

    /// <inheritdoc />
    /// <remarks>Counted from <see cref="EvaluateAuxTransition"/> by <see cref="ConstraintDegreeCounter"/>.</remarks>
    public override IReadOnlyList<int> AuxConstraintDegrees { get; }

    private int AccountCount => Statement.AccountsPerBatch;

    /// <inheritdoc />
    public override byte[] GetPublicInputBytes()
    {
        byte[] statement = Statement.ToBytes();
        var bytes = new byte[statement.Length + 12];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, TraceLength);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), RandomRows);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), TableRows);
        statement.CopyTo(bytes.AsSpan(12));
        return bytes;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
    {
        ReadOnlySpan<T> cur = frame.Current;
        ReadOnlySpan<T> nxt = frame.Next;
        int k = EvaluatePermutation(cur, result);
        T one = T.One;
        T first = cur[First], cont = cur[Cont], last = cur[LastLeaf], node = cur[Node], root = cur[Root], carry = cur[Carry];
        T chainIn = cur[ChainIn], chainOut = cur[ChainOut];
        T leaf = first + cont;
        T chain = chainIn + chainOut;
        T kind = leaf + node + carry + chain;

        // Booleanity of every flag and of the slots' last-holding flags; row kinds are exclusive.
        ReadOnlySpan<int> booleans = [First, Cont, LastLeaf, Node, Root, Carry, Valid0, Valid1, Slot0 + SlotLast, Slot0 + SlotWidth + SlotLast, ChainIn, ChainOut];
        foreach (int c in booleans)
        {
            result[k++] = cur[c] * (cur[c] - one);
        }

        result[k++] = kind * (kind - one);
        result[k++] = last * (one - leaf);
        result[k++] = cur[Valid0] * (one - leaf);
        result[k++] = cur[Valid1] * (one - leaf);
        result[k++] = root * (one - node);
        result[k++] = root * (cur[Nid] - one);

        // Slot encodings: a valid slot's inputs are its range-checked limbs, asset id and flag; an invalid slot hashes zeros.
        // Lane 0 of a first block also carries the marker 2^49·First: every m0 is below 2^49, so no continuation block
        // can pass for a first block and a prefix cannot be folded into the id commitment (docs/formats.md §8).
        for (int s = 0; s < 2; s++)
        {
            int b = Slot0 + (s * SlotWidth);
            T valid = cur[Valid0 + s];
            T marker = s == 0 ? T.FromBase(s_two49) * first : T.Zero;
            T lo = cur[b + SlotLimb0] + (T.FromBase(s_two16) * cur[b + SlotLimb0 + 1]);
            T hi = cur[b + SlotLimb0 + 2] + (T.FromBase(s_two16) * cur[b + SlotLimb0 + 3]);
            T m0 = hi + (T.FromBase(s_two32) * cur[b + SlotAsset]) + (T.FromBase(s_two48) * cur[b + SlotLast]);
            result[k++] = valid * (cur[In + 4 + (2 * s)] - m0 - marker);
            result[k++] = valid * (cur[In + 5 + (2 * s)] - lo);
            result[k++] = leaf * (one - valid) * (cur[In + 4 + (2 * s)] - marker);
            result[k++] = leaf * (one - valid) * cur[In + 5 + (2 * s)];
        }

        // Chain rows absorb the block (S_lo, S_hi, asset, 0) of their asset's running total (limb layout: ChainLimbs).
        (T sLo, T sHi) = ChainTotal(cur);
        result[k++] = chain * (cur[In + 4] - sLo);
        result[k++] = chain * (cur[In + 5] - sHi);
        result[k++] = chain * (cur[In + 6] - cur[Slot0 + SlotAsset]);
        result[k++] = chain * cur[In + 7];

        // The root row's output is the public batch root.
        for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
        {
            result[k++] = root * (cur[Digest + j] - T.FromBase(Statement.Root[j]));
        }

        // Sequencing: leaf rows chain within an account; accounts 0..N−1; then nodes N−1..1; then carries 1, 2, …; then padding.
        T nFirst = nxt[First], nCont = nxt[Cont], nNode = nxt[Node], nCarry = nxt[Carry], nChainIn = nxt[ChainIn], nChainOut = nxt[ChainOut];
        result[k++] = (leaf - last) * (one - nCont);
        result[k++] = nCont * (one - leaf + last);
        for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
        {
            result[k++] = nCont * (nxt[In + j] - cur[Digest + j]);
        }

        T lastAccount = T.FromBase(new Goldilocks((ulong)AccountCount - 1));
        result[k++] = nCont * (nxt[Acct] - cur[Acct]);
        result[k++] = nFirst * (nxt[Acct] - cur[Acct] - one);
        result[k++] = nFirst * (one - last);
        result[k++] = last * (one - nFirst - nNode);
        result[k++] = nNode * (one - last - node);
        result[k++] = nNode * last * (cur[Acct] - lastAccount);
        result[k++] = nNode * last * (nxt[Nid] - lastAccount);
        result[k++] = node * nNode * (nxt[Nid] - cur[Nid] + one);
        result[k++] = node * (one - nNode) * (one - root);
        result[k++] = root * nNode;
        result[k++] = node * (one - nNode - nCarry);
        result[k++] = nCarry * (one - node - carry);
        result[k++] = node * nCarry * (nxt[Slot0 + SlotAsset] - one);
        result[k++] = carry * nCarry * (nxt[Slot0 + SlotAsset] - cur[Slot0 + SlotAsset] - one);
        result[k++] = (one - kind) * (nFirst + nCont + nNode + nCarry + nChainIn + nChainOut);
        result[k++] = carry * (one - nCarry - nChainIn);

        // Chain-in rows: entered from the carries, assets 1..A, each row chains the previous digest, and the row with
        // asset A outputs K_in; then chain-out rows the same way, ending in K_out (not in the last batch), then padding.
        T assetCount = T.FromBase(new Goldilocks((ulong)Statement.AssetCount));
        T asset = cur[Slot0 + SlotAsset], nAsset = nxt[Slot0 + SlotAsset];
        result[k++] = nChainIn * (one - carry - chainIn);
        result[k++] = carry * nChainIn * (nAsset - one);
        result[k++] = chainIn * nChainIn * (nAsset - asset - one);
        for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
        {
            result[k++] = chainIn * nChainIn * (nxt[In + j] - cur[Digest + j]);
        }

        result[k++] = chainIn * (one - nChainIn - nChainOut);
        result[k++] = chainIn * nChainOut * (asset - assetCount);
        for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
        {
            result[k++] = chainIn * nChainOut * (cur[Digest + j] - T.FromBase(Statement.ChainIn[j]));
        }

        result[k++] = nChainOut * (one - chainIn - chainOut);
        result[k++] = chainIn * nChainOut * (nAsset - one);
        result[k++] = chainOut * nChainOut * (nAsset - asset - one);
        for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
        {
            result[k++] = chainOut * nChainOut * (nxt[In + j] - cur[Digest + j]);
        }

        result[k++] = chainOut * (one - nChainOut) * (asset - assetCount);
        if (!Statement.IsFinal)
        {
            for (int j = 0; j < ZkAccountEncoding.DigestSize; j++)
            {
                result[k++] = chainOut * (one - nChainOut) * (cur[Digest + j] - T.FromBase(Statement.ChainOut[j]));
            }
        }

        result[k++] = chainOut * (nFirst + nCont + nNode + nCarry + nChainIn);

        // Range table ramp: t' − t ∈ {0, 1}.
        T step = nxt[Table] - cur[Table];
        result[k++] = step * (step - one);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void EvaluateAuxTransition<T, TE>(
        EvaluationFrame<T> mainFrame,
        EvaluationFrame<TE> auxFrame,
        ReadOnlySpan<T> periodicValues,
        ReadOnlySpan<GoldilocksExt3> randomness,
        Span<TE> result)
    {
        int count = FixedFractions + TableColumns;
        Span<TE> numerators = stackalloc TE[count];
        Span<TE> denominators = stackalloc TE[count];
        Fractions<T, TE>(mainFrame.Current, randomness, numerators, denominators);
        ReadOnlySpan<TE> aux = auxFrame.Current;
        for (int c = 0; c < FractionColumns; c++)
        {
            int start = c * FractionsPerColumn;
            int length = Math.Min(FractionsPerColumn, count - start);
            result[c] = LogUpBus.FractionConstraint(aux[c], numerators.Slice(start, length), denominators.Slice(start, length));
        }

        result[FractionColumns] = LogUpBus.AccumulatorConstraint(auxFrame.Next[FractionColumns], aux[FractionColumns], aux[..FractionColumns]);
    }

    /// <summary>
    /// Every LogUp fraction of one row (numerator, denominator), in a fixed order. Sends are positive, receives and
    /// table multiplicities negative; asset-sum numerators are lo + γ·hi, the carry row's −c·2^32 + γ·c.
    /// </summary>
    /// <typeparam name="T">Field of the row.</typeparam>
    /// <typeparam name="TE">The matching extension type.</typeparam>
    /// <param name="row">The main row.</param>
    /// <param name="randomness">α, β, γ.</param>
    /// <param name="numerators">Destination numerators.</param>
    /// <param name="denominators">Destination denominators.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fractions<T, TE>(ReadOnlySpan<T> row, ReadOnlySpan<GoldilocksExt3> randomness, Span<TE> numerators, Span<TE> denominators)
        where T : unmanaged, IStarkField<T>
        where TE : unmanaged, IStarkExtension<TE, T>
    {
        GoldilocksExt3 alpha = randomness[0], beta = randomness[1], gamma = randomness[2];
        T valid0 = row[Valid0], valid1 = row[Valid1], carry = row[Carry];
        T chain = row[ChainIn] + row[ChainOut];
        int f = 0;
        int s0 = Slot0, s1 = Slot0 + SlotWidth;

        // Range lookups: limbs and asset ids of valid slots; on carry rows the carry c = c0 + 2^16·c1 and its asset id,
        // with 2^8·c1 also looked up so that c1 < 2^8 and c < 2^24; on chain rows the six limbs of S (ChainTotal), the
        // top one (slot 0's limb 1 again) also as 2^8·x so that S_hi < 2^56.
        ReadOnlySpan<(int Column, int Multiplier)> ranged =
        [
            (s0 + SlotLimb0, 4), (s0 + SlotLimb0 + 1, 4), (s0 + SlotLimb0 + 2, 5), (s0 + SlotLimb0 + 3, 5), (s0 + SlotAsset, 2),
            (s1 + SlotLimb0, 6), (s1 + SlotLimb0 + 1, 6), (s1 + SlotLimb0 + 2, 1), (s1 + SlotLimb0 + 3, 1), (s1 + SlotAsset, 1),
        ];
        foreach ((int column, int multiplier) in ranged)
        {
            T m = multiplier switch
            {
                1 => valid1,
                2 => valid0 + carry,
                4 => valid0 + carry + chain,
                5 => valid0 + chain,
                _ => valid1 + chain,
            };
            numerators[f] = TE.Lift(m);
            denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, RangeTag, row.Slice(column, 1));
        }

        Span<T> tuple = stackalloc T[1 + ZkAccountEncoding.DigestSize];
        tuple[0] = T.FromBase(s_two8) * row[s0 + SlotLimb0 + 1];
        numerators[f] = TE.Lift(carry + chain);
        denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, RangeTag, tuple[..1]);

        // Asset sums (the carry row shares slot 0's asset column and pole).
        for (int s = 0; s < 2; s++)
        {
            int b = Slot0 + (s * SlotWidth);
            T lo = row[b + SlotLimb0] + (T.FromBase(s_two16) * row[b + SlotLimb0 + 1]);
            T hi = row[b + SlotLimb0 + 2] + (T.FromBase(s_two16) * row[b + SlotLimb0 + 3]);
            T valid = s == 0 ? valid0 : valid1;
            TE numerator = TE.Lift(valid * lo) + TE.Scale(valid * hi, gamma);
            if (s == 0)
            {
                T c = row[b + SlotLimb0] + (T.FromBase(s_two16) * row[b + SlotLimb0 + 1]);
                numerator += TE.Lift(-(carry * c * T.FromBase(s_two32))) + TE.Scale(carry * c, gamma);

                // S_in adds to its asset, S_out subtracts (the last batch's S_out is the public total instead).
                (T sLo, T sHi) = ChainTotal(row);
                T sign = Statement.IsFinal ? row[ChainIn] : row[ChainIn] - row[ChainOut];
                numerator += TE.Lift(sign * sLo) + TE.Scale(sign * sHi, gamma);
            }

            numerators[f] = numerator;
            denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, AssetTag, row.Slice(b + SlotAsset, 1));
        }

        // Tree digest bus: a leaf's last row sends (N + acct, digest); a node sends (nid, digest) unless it is the root,
        // and receives (2·nid, in[0..4]) and (2·nid + 1, in[4..8]).
        T n = T.FromBase(new Goldilocks((ulong)AccountCount));
        tuple[0] = n + row[Acct];
        row.Slice(Digest, ZkAccountEncoding.DigestSize).CopyTo(tuple[1..]);
        numerators[f] = TE.Lift(row[LastLeaf]);
        denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, TreeTag, tuple);
        tuple[0] = row[Nid];
        numerators[f] = TE.Lift(row[Node] - row[Root]);
        denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, TreeTag, tuple);
        tuple[0] = row[Nid] + row[Nid];
        row.Slice(In, ZkAccountEncoding.DigestSize).CopyTo(tuple[1..]);
        numerators[f] = -TE.Lift(row[Node]);
        denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, TreeTag, tuple);
        tuple[0] = row[Nid] + row[Nid] + T.One;
        row.Slice(In + 4, ZkAccountEncoding.DigestSize).CopyTo(tuple[1..]);
        numerators[f] = -TE.Lift(row[Node]);
        denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, TreeTag, tuple);

        // Range table: entries t + k·R with multiplicities m_k.
        for (int t = 0; t < TableColumns; t++)
        {
            tuple[0] = row[Table] + T.FromBase(new Goldilocks((ulong)t * (ulong)TableRows));
            numerators[f] = -TE.Lift(row[Multiplicity0 + t]);
            denominators[f++] = LogUpBus.Denominator<T, TE>(alpha, beta, RangeTag, tuple[..1]);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<Assertion> GetAssertions(AirContext context)
    {
        int last = context.LastRealRow;
        var list = new List<Assertion>
        {
            new(First, 0, Goldilocks.One),
            new(Acct, 0, Goldilocks.Zero),
            new(Table, 0, Goldilocks.Zero),
            new(Table, last, new Goldilocks((ulong)TableRows - 1)),
            new(First, last, Goldilocks.Zero),
            new(Cont, last, Goldilocks.Zero),
            new(Node, last, Goldilocks.Zero),
            new(Carry, last, Goldilocks.Zero),
            new(ChainIn, last, Goldilocks.Zero),
            new(ChainOut, last, Goldilocks.Zero),
        };
        for (int t = 0; t < TableColumns; t++)
        {
            list.Add(new Assertion(Multiplicity0 + t, last, Goldilocks.Zero));
        }

        return list;
    }

    /// <inheritdoc />
    public override IReadOnlyList<AuxAssertion> GetAuxAssertions(AirContext context, ReadOnlySpan<GoldilocksExt3> randomness) =>
    [
        new AuxAssertion(FractionColumns, 0, GoldilocksExt3.Zero),
        new AuxAssertion(FractionColumns, context.LastRealRow, ExpectedFinalSum(randomness)),
    ];

    /// <summary>
    /// What the accumulator must reach (all other buses cancel): in the last batch Σ_a (T_lo,a + γ·T_hi,a)/(α − φ(asset, a));
    /// before it 0 (S_out is then a private chain-out row that cancels S_in plus the batch's sums).
    /// </summary>
    /// <param name="randomness">α, β, γ.</param>
    /// <returns>The expected final accumulator value.</returns>
    public GoldilocksExt3 ExpectedFinalSum(ReadOnlySpan<GoldilocksExt3> randomness)
    {
        GoldilocksExt3 sum = GoldilocksExt3.Zero;
        Span<Goldilocks> id = stackalloc Goldilocks[1];
        for (int a = 0; a < Statement.Totals.Count; a++)
        {
            UInt128 total = Statement.Totals[a];
            var lo = new Goldilocks((ulong)(total & 0xFFFF_FFFFUL));
            var hi = new Goldilocks((ulong)(total >> 32));
            id[0] = new Goldilocks((ulong)a + 1);
            GoldilocksExt3 denominator = LogUpBus.Denominator<Goldilocks, GoldilocksExt3>(randomness[0], randomness[1], AssetTag, id);
            sum += (GoldilocksExt3.FromBase(lo) + (randomness[2] * hi)) * denominator.Inverse();
        }

        return sum;
    }

    /// <summary>
    /// The running total S on a chain row, from range-checked limbs: S_lo = slot0.l2 + 2^16·slot0.l3,
    /// S_hi = slot1.l0 + 2^16·slot1.l1 + 2^32·slot0.l0 + 2^48·slot0.l1 (slot0.l1 &lt; 2^8 through the 2^8·x lookup).
    /// </summary>
    private static (T Lo, T Hi) ChainTotal<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IStarkField<T>
    {
        int s0 = Slot0 + SlotLimb0, s1 = Slot0 + SlotWidth + SlotLimb0;
        T lo = row[s0 + 2] + (T.FromBase(s_two16) * row[s0 + 3]);
        T hi = row[s1] + (T.FromBase(s_two16) * row[s1 + 1]) + (T.FromBase(s_two32) * row[s0]) + (T.FromBase(s_two48) * row[s0 + 1]);
        return (lo, hi);
    }

    private static int Column(string name) => LiabilitiesLayout.Fixed[name].Offset;

    private static int SlotColumn(string name) => LiabilitiesLayout.Slot[name].Offset;

    private (IReadOnlyList<int> Main, IReadOnlyList<int> Aux) CountDegrees() =>
        (Array.AsReadOnly(ConstraintDegreeCounter.MainDegrees(this, MainConstraintCapacity)), Array.AsReadOnly(ConstraintDegreeCounter.AuxDegrees(this, AuxWidth)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EvaluatePermutation<T>(ReadOnlySpan<T> cur, Span<T> result)
        where T : unmanaged, IStarkField<T>
    {
        Span<T> output = stackalloc T[_permutation.Parameters.Width];
        return Poseidon2Row.Evaluate(_permutation, cur[In..], result, output);
    }
}
