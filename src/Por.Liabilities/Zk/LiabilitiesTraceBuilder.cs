// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Liabilities.Snapshot;
using Por.Stark;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;

namespace Por.Liabilities.Zk;

/// <summary>Builds the witness trace of <see cref="LiabilitiesAir"/> for one batch (layout: docs/liabilities-zk.md §2).</summary>
public static class LiabilitiesTraceBuilder
{
    /// <summary>Rows an account takes: ⌈k/2⌉, at least 1.</summary>
    /// <param name="holdingCount">k.</param>
    /// <returns>Rows.</returns>
    public static int RowsFor(int holdingCount) => ZkAccountEncoding.BlockCount(holdingCount);

    /// <summary>Witness rows a batch needs (leaf, node, carry and 2·A chain rows plus the final padding row).</summary>
    /// <param name="holdingCounts">Holdings per real account.</param>
    /// <param name="accountsPerBatch">N.</param>
    /// <param name="assetCount">A.</param>
    /// <returns>The row count.</returns>
    public static long RequiredRows(IEnumerable<int> holdingCounts, int accountsPerBatch, int assetCount)
    {
        ArgumentNullException.ThrowIfNull(holdingCounts);
        long rows = 0;
        int count = 0;
        foreach (int k in holdingCounts)
        {
            rows += RowsFor(k);
            count++;
        }

        return rows + (accountsPerBatch - count) + (accountsPerBatch - 1) + (3L * assetCount) + 1;
    }

    /// <summary>
    /// Builds the trace. Padding accounts get a random id commitment and no holdings. The running totals leave the batch
    /// as S_out = S_in + (batch sums), opened with <paramref name="outgoingBlinding"/>.
    /// </summary>
    /// <param name="accounts">Real accounts (≤ N), in leaf order.</param>
    /// <param name="air">The AIR (gives N, A, n, h and the table shape).</param>
    /// <param name="incoming">The opening of K_in (S_in, r_in).</param>
    /// <param name="outgoingBlinding">r_out (4 elements).</param>
    /// <returns>The witness.</returns>
    /// <exception cref="ArgumentException">Too many accounts or rows, a non-canonical account, an asset id above A, or a running total above 2^88 − 1.</exception>
    public static ZkBatchWitness Build(IReadOnlyList<ZkAccount> accounts, LiabilitiesAir air, ZkChainOpening incoming, Goldilocks[] outgoingBlinding)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(air);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(outgoingBlinding);
        int n = air.Statement.AccountsPerBatch;
        int assetCount = air.Statement.AssetCount;
        if (incoming.Totals.Length != assetCount || incoming.Totals.Any(t => t > ZkBatchStatement.MaxTotal)
            || incoming.Blinding.Length != ZkAccountEncoding.DigestSize || outgoingBlinding.Length != ZkAccountEncoding.DigestSize)
        {
            throw new ArgumentException("The incoming opening must hold A totals below 2^88 and 4 blinding elements.", nameof(incoming));
        }

        int realRows = air.TraceLength - air.RandomRows;
        if (accounts.Count > n)
        {
            throw new ArgumentException($"At most {n} accounts fit a batch.", nameof(accounts));
        }

        long required = RequiredRows(accounts.Select(a => a.Holdings.Length), n, assetCount);
        if (required > realRows)
        {
            throw new ArgumentException($"The batch needs {required} rows but the shape has {realRows}.", nameof(accounts));
        }

        // Columns of n elements: the prover reuses them for its own n-element arrays once it has consumed the trace.
        var trace = new TraceTable(air.MainWidth, realRows, air.TraceLength);
        var nodes = new Goldilocks[2 * n][];
        var sumLo = new UInt128[assetCount + 1];
        var sumHi = new UInt128[assetCount + 1];
        var lookups = new long[LiabilitiesAir.RangeSize];
        var inputs = new Goldilocks[8];

        // Every account's rows start at a known offset, so leaf rows are written in parallel; per-worker lookup
        // counts and sums are merged at the end.
        var batch = new ZkAccount[n];
        var firstRow = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            batch[i] = i < accounts.Count ? accounts[i] : PaddingAccount();
            Holding[] holdings = batch[i].Holdings;
            if (!ZkAccountEncoding.IsCanonical(holdings) || holdings.Any(h => h.Asset >= assetCount))
            {
                throw new ArgumentException($"Account {i} has non-canonical holdings or an unknown asset.", nameof(accounts));
            }

            firstRow[i + 1] = firstRow[i] + RowsFor(holdings.Length);
        }

        var merge = new Lock();
        int workers = Math.Max(1, Math.Min(n, 4 * Environment.ProcessorCount));
        Parallel.For(0, workers, ProverParallelism.Options, w =>
        {
            var localLookups = new long[LiabilitiesAir.RangeSize];
            var localLo = new UInt128[assetCount + 1];
            var localHi = new UInt128[assetCount + 1];
            int from = (int)((long)n * w / workers);
            int to = (int)((long)n * (w + 1) / workers);
            for (int i = from; i < to; i++)
            {
                nodes[n + i] = FillLeafRows(trace, firstRow[i], i, batch[i], localLookups, localLo, localHi);
            }

            lock (merge)
            {
                for (int v = 0; v < localLookups.Length; v++)
                {
                    lookups[v] += localLookups[v];
                }

                for (int a = 0; a <= assetCount; a++)
                {
                    sumLo[a] += localLo[a];
                    sumHi[a] += localHi[a];
                }
            }
        });

        // Node rows: nid = N−1 down to 1; a level depends only on the level below it, so each level is parallel.
        int nodeStart = firstRow[n];
        for (int level = n / 2; level >= 1; level /= 2)
        {
            int low = level;
            Parallel.For(low, 2 * low, ProverParallelism.Options, nid =>
            {
                Span<Goldilocks> children = stackalloc Goldilocks[8];
                nodes[2 * nid].AsSpan().CopyTo(children);
                nodes[(2 * nid) + 1].AsSpan().CopyTo(children[4..]);
                int nodeRow = nodeStart + (n - 1 - nid);
                nodes[nid] = FillPermutation(trace, nodeRow, children);
                trace[LiabilitiesAir.Node, nodeRow] = Goldilocks.One;
                trace[LiabilitiesAir.Root, nodeRow] = nid == 1 ? Goldilocks.One : Goldilocks.Zero;
                trace[LiabilitiesAir.Nid, nodeRow] = new Goldilocks((ulong)nid);
            });
        }

        int row = nodeStart + (n - 1);
        Array.Clear(inputs);
        var totals = new UInt128[assetCount];
        for (int a = 1; a <= assetCount; a++)
        {
            UInt128 incomingTotal = incoming.Totals[a - 1];
            sumLo[a] += incomingTotal & 0xFFFF_FFFFUL;
            sumHi[a] += incomingTotal >> 32;
            UInt128 carry = sumLo[a] >> 32;
            if (carry >= 1 << 24)
            {
                throw new ArgumentException("Too many holdings of one asset for the carry bound (2^24).", nameof(accounts));
            }

            totals[a - 1] = sumLo[a] + (sumHi[a] << 32);
            if (totals[a - 1] > ZkBatchStatement.MaxTotal)
            {
                throw new ArgumentException($"The running total of asset {a} exceeds 2^88 − 1.", nameof(accounts));
            }

            FillPermutation(trace, row, inputs);
            int slot = LiabilitiesAir.Slot0;
            trace[LiabilitiesAir.Carry, row] = Goldilocks.One;
            trace[slot + LiabilitiesAir.SlotAsset, row] = new Goldilocks((ulong)a);
            ulong c0 = (ulong)(carry & 0xFFFF);
            ulong c1 = (ulong)(carry >> 16);
            trace[slot + LiabilitiesAir.SlotLimb0, row] = new Goldilocks(c0);
            trace[slot + LiabilitiesAir.SlotLimb0 + 1, row] = new Goldilocks(c1);
            lookups[a]++;
            lookups[c0]++;
            lookups[c1]++;
            lookups[c1 << 8]++;
            row++;
        }

        var outgoing = new ZkChainOpening(totals, outgoingBlinding);
        row = FillChain(trace, row, LiabilitiesAir.ChainIn, incoming, lookups);
        row = FillChain(trace, row, LiabilitiesAir.ChainOut, outgoing, lookups);
        Array.Clear(inputs);

        Goldilocks[] padding = FillPermutation(trace, row, inputs);
        _ = padding;
        int firstPadding = row;
        for (int r = firstPadding + 1; r < realRows; r++)
        {
            for (int c = 0; c < LiabilitiesAir.Slot0; c++)
            {
                trace[c, r] = trace[c, firstPadding];
            }
        }

        FillTable(trace, air, lookups, realRows);
        return new ZkBatchWitness(trace, nodes[1], totals, nodes, outgoing);
    }

    /// <summary>
    /// Writes the A chain rows of an opening (flag column <paramref name="flag"/>): row a absorbs (S_lo, S_hi, a, 0)
    /// into the previous digest (the blinding for a = 1); the last row's digest is the commitment.
    /// </summary>
    private static int FillChain(TraceTable trace, int row, int flag, ZkChainOpening opening, long[] lookups)
    {
        Span<Goldilocks> inputs = stackalloc Goldilocks[8];
        Goldilocks[] h = opening.Blinding;
        int s0 = LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0, s1 = LiabilitiesAir.Slot0 + LiabilitiesAir.SlotWidth + LiabilitiesAir.SlotLimb0;
        for (int a = 1; a <= opening.Totals.Length; a++)
        {
            UInt128 total = opening.Totals[a - 1];
            h.AsSpan().CopyTo(inputs);
            ZkChainOpening.Block(total, a, inputs[4..]);
            h = FillPermutation(trace, row, inputs);
            trace[flag, row] = Goldilocks.One;
            trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, row] = new Goldilocks((ulong)a);

            // Limb layout of LiabilitiesAir.ChainTotal: S_lo = (s0.l2, s0.l3), S_hi = (s1.l0, s1.l1, s0.l0, s0.l1 < 2^8).
            ulong lo = (ulong)(total & 0xFFFF_FFFFUL);
            ulong hi = (ulong)(total >> 32);
            (int Column, ulong Value)[] limbs =
            [
                (s0 + 2, lo & 0xFFFF), (s0 + 3, lo >> 16),
                (s1, hi & 0xFFFF), (s1 + 1, (hi >> 16) & 0xFFFF), (s0, (hi >> 32) & 0xFFFF), (s0 + 1, hi >> 48),
            ];
            foreach ((int column, ulong value) in limbs)
            {
                trace[column, row] = new Goldilocks(value);
                lookups[value]++;
            }

            lookups[(hi >> 48) << 8]++;
            row++;
        }

        return row;
    }

    /// <summary>Writes one account's leaf rows from <paramref name="row"/> on; returns its leaf digest.</summary>
    private static Goldilocks[] FillLeafRows(TraceTable trace, int row, int index, ZkAccount account, long[] lookups, UInt128[] sumLo, UInt128[] sumHi)
    {
        Holding[] holdings = account.Holdings;
        Span<Goldilocks> inputs = stackalloc Goldilocks[8];
        Goldilocks[] state = account.IdCommitment;
        int blocks = RowsFor(holdings.Length);
        for (int b = 0; b < blocks; b++, row++)
        {
            state.AsSpan().CopyTo(inputs);
            ZkAccountEncoding.BlockInputs(holdings, b, inputs[4..]);
            state = FillPermutation(trace, row, inputs);
            trace[b == 0 ? LiabilitiesAir.First : LiabilitiesAir.Cont, row] = Goldilocks.One;
            trace[LiabilitiesAir.LastLeaf, row] = b == blocks - 1 ? Goldilocks.One : Goldilocks.Zero;
            trace[LiabilitiesAir.Acct, row] = new Goldilocks((ulong)index);
            for (int s = 0; s < 2; s++)
            {
                int h = (2 * b) + s;
                if (h >= holdings.Length)
                {
                    continue;
                }

                ulong balance = holdings[h].Amount;
                int assetId = holdings[h].Asset + 1;
                int slot = LiabilitiesAir.Slot0 + (s * LiabilitiesAir.SlotWidth);
                trace[LiabilitiesAir.Valid0 + s, row] = Goldilocks.One;
                trace[slot + LiabilitiesAir.SlotAsset, row] = new Goldilocks((ulong)assetId);
                trace[slot + LiabilitiesAir.SlotLast, row] = h == holdings.Length - 1 ? Goldilocks.One : Goldilocks.Zero;
                lookups[assetId]++;
                for (int l = 0; l < 4; l++)
                {
                    ulong limb = (balance >> (16 * l)) & 0xFFFF;
                    trace[slot + LiabilitiesAir.SlotLimb0 + l, row] = new Goldilocks(limb);
                    lookups[limb]++;
                }

                sumLo[assetId] += balance & 0xFFFF_FFFFUL;
                sumHi[assetId] += balance >> 32;
            }
        }

        return state;
    }

    /// <summary>Fills the range ramp t = min(r, R − 1) and the multiplicities m_k[r] = #lookups of r + k·R.</summary>
    private static void FillTable(TraceTable trace, LiabilitiesAir air, long[] lookups, int realRows)
    {
        int tableRows = air.TableRows;
        for (int r = 0; r < realRows; r++)
        {
            trace[LiabilitiesAir.Table, r] = new Goldilocks((ulong)Math.Min(r, tableRows - 1));
        }

        for (int k = 0; k < air.TableColumns; k++)
        {
            for (int r = 0; r < tableRows; r++)
            {
                trace[LiabilitiesAir.Multiplicity0 + k, r] = new Goldilocks((ulong)lookups[(k * tableRows) + r]);
            }
        }
    }

    private static ZkAccount PaddingAccount()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var id = new Goldilocks[ZkAccountEncoding.DigestSize];
        for (int i = 0; i < id.Length; i++)
        {
            id[i] = new Goldilocks(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(random[(8 * i)..]) & ((1UL << 62) - 1));
        }

        return new ZkAccount(id, []);
    }

    /// <summary>Writes in[0..8] and every permutation column of a row; returns the digest (first 4 output lanes).</summary>
    internal static Goldilocks[] FillPermutation(TraceTable trace, int row, ReadOnlySpan<Goldilocks> inputs)
    {
        Poseidon2 permutation = ZkAccountEncoding.Permutation;
        Span<Goldilocks> columns = stackalloc Goldilocks[Poseidon2Row.ColumnCount(permutation.Parameters)];
        Span<Goldilocks> output = stackalloc Goldilocks[permutation.Parameters.Width];
        Poseidon2Row.Write(permutation, inputs, columns, output);
        for (int i = 0; i < columns.Length; i++)
        {
            trace[LiabilitiesAir.In + i, row] = columns[i];
        }

        return output[..ZkAccountEncoding.DigestSize].ToArray();
    }
}
