// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Proving;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// A cheating prover: after a test mutates a raw trace, it re-derives everything a cheater can make consistent
/// (leaf chaining, every permutation row, the node rows, the chain rows' hashing, range multiplicities, carry rows,
/// the chain-out running totals and the per-asset sums read as signed field values) and proves it with the prover's
/// self-checks skipped, so only the verifier can object.
/// </summary>
internal static class CheatingTrace
{
    private static readonly Goldilocks s_two16 = new(1UL << 16);
    private static readonly Goldilocks s_two32 = new(1UL << 32);
    private static readonly Goldilocks s_two48 = new(1UL << 48);
    private static readonly int s_limb0 = LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0;
    private static readonly int s_limb1 = LiabilitiesAir.Slot0 + LiabilitiesAir.SlotWidth + LiabilitiesAir.SlotLimb0;

    /// <summary>
    /// Re-derives the trace and returns what a cheater would claim: root, signed field-interpreted totals, K_in, K_out.
    /// <paramref name="adjustInputs"/> may bend a row's permutation inputs after they are derived (row, inputs).
    /// </summary>
    public static (Goldilocks[] Root, UInt128[] Totals, Goldilocks[] ChainIn, Goldilocks[] ChainOut) Rewire(
        TraceTable trace, LiabilitiesAir air, bool recomputeCarries = true, bool recomputeChainOut = true, Action<int, Goldilocks[]>? adjustInputs = null)
    {
        int n = air.Statement.AccountsPerBatch;
        int assets = air.Statement.AssetCount;
        var lo = new Int128[assets + 2];
        var hi = new Int128[assets + 2];
        var lookups = new Dictionary<ulong, long>();
        void Look(Goldilocks v)
        {
            lookups[v.Value] = lookups.GetValueOrDefault(v.Value) + 1;
        }

        // Sums: holdings and S_in.
        for (int r = 0; r < trace.Rows; r++)
        {
            for (int s = 0; s < 2; s++)
            {
                if (trace[LiabilitiesAir.Valid0 + s, r].IsZero)
                {
                    continue;
                }

                int b = LiabilitiesAir.Slot0 + (s * LiabilitiesAir.SlotWidth);
                for (int l = 0; l < 4; l++)
                {
                    Look(trace[b + LiabilitiesAir.SlotLimb0 + l, r]);
                }

                Look(trace[b + LiabilitiesAir.SlotAsset, r]);
                ulong asset = Math.Min(trace[b + LiabilitiesAir.SlotAsset, r].Value, (ulong)assets + 1);
                lo[asset] += Signed(trace[b + LiabilitiesAir.SlotLimb0, r] + (s_two16 * trace[b + LiabilitiesAir.SlotLimb0 + 1, r]));
                hi[asset] += Signed(trace[b + LiabilitiesAir.SlotLimb0 + 2, r] + (s_two16 * trace[b + LiabilitiesAir.SlotLimb0 + 3, r]));
            }

            if (!trace[LiabilitiesAir.ChainIn, r].IsZero)
            {
                ulong asset = Math.Min(trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, r].Value, (ulong)assets + 1);
                (Goldilocks sLo, Goldilocks sHi) = ChainTotal(trace, r);
                lo[asset] += Signed(sLo);
                hi[asset] += Signed(sHi);
                LookChain(trace, r, Look);
            }
        }

        var totals = new UInt128[assets];
        for (int r = 0; r < trace.Rows; r++)
        {
            if (trace[LiabilitiesAir.Carry, r].IsZero)
            {
                continue;
            }

            int b = LiabilitiesAir.Slot0;
            int a = (int)trace[b + LiabilitiesAir.SlotAsset, r].Value;
            Int128 carry = lo[a] >> 32;
            if (recomputeCarries && carry >= 0 && carry < (1 << 24))
            {
                trace[b + LiabilitiesAir.SlotLimb0, r] = new Goldilocks((ulong)(carry & 0xFFFF));
                trace[b + LiabilitiesAir.SlotLimb0 + 1, r] = new Goldilocks((ulong)(carry >> 16));
            }

            Look(trace[b + LiabilitiesAir.SlotLimb0, r]);
            Look(trace[b + LiabilitiesAir.SlotLimb0 + 1, r]);
            Look(new Goldilocks(256) * trace[b + LiabilitiesAir.SlotLimb0 + 1, r]);
            Look(trace[b + LiabilitiesAir.SlotAsset, r]);
            Int128 total = lo[a] + (hi[a] << 32);
            totals[a - 1] = total < 0 ? 0 : (UInt128)total;
        }

        // S_out = S_in + sums, written into the chain-out limbs when representable.
        for (int r = 0; r < trace.Rows; r++)
        {
            if (trace[LiabilitiesAir.ChainOut, r].IsZero)
            {
                continue;
            }

            int a = (int)trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, r].Value;
            if (recomputeChainOut && a >= 1 && a <= assets && totals[a - 1] <= ZkBatchStatement.MaxTotal)
            {
                WriteChainTotal(trace, r, totals[a - 1]);
            }

            LookChain(trace, r, Look);
        }

        (Goldilocks[] root, Goldilocks[] chainIn, Goldilocks[] chainOut) = Rehash(trace, n, adjustInputs);
        for (int k = 0; k < air.TableColumns; k++)
        {
            for (int r = 0; r < air.TableRows; r++)
            {
                trace[LiabilitiesAir.Multiplicity0 + k, r] = new Goldilocks((ulong)lookups.GetValueOrDefault((ulong)((k * air.TableRows) + r)));
            }
        }

        return (root, totals, chainIn, chainOut);
    }

    /// <summary>The statement a cheater claims after <see cref="Rewire"/>: root, K_in, and K_out or the totals.</summary>
    public static ZkBatchStatement Claim(ZkBatchStatement statement, (Goldilocks[] Root, UInt128[] Totals, Goldilocks[] ChainIn, Goldilocks[] ChainOut) rewired) =>
        statement with
        {
            Root = rewired.Root,
            ChainIn = rewired.ChainIn,
            ChainOut = statement.IsFinal ? [] : rewired.ChainOut,
            Totals = statement.IsFinal ? rewired.Totals : [],
        };

    /// <summary>Writes a running total into a chain row's limbs (any value below 2^96; the top limb may exceed 2^8).</summary>
    public static void WriteChainTotal(TraceTable trace, int row, UInt128 total)
    {
        ulong lo = (ulong)(total & 0xFFFF_FFFFUL);
        UInt128 hi = total >> 32;
        trace[s_limb0 + 2, row] = new Goldilocks(lo & 0xFFFF);
        trace[s_limb0 + 3, row] = new Goldilocks(lo >> 16);
        trace[s_limb1, row] = new Goldilocks((ulong)(hi & 0xFFFF));
        trace[s_limb1 + 1, row] = new Goldilocks((ulong)((hi >> 16) & 0xFFFF));
        trace[s_limb0, row] = new Goldilocks((ulong)((hi >> 32) & 0xFFFF));
        trace[s_limb0 + 1, row] = new Goldilocks((ulong)(hi >> 48));
    }

    /// <summary>Proves with the prover's self-checks skipped (a cheating prover).</summary>
    public static byte[] ProveUnchecked(LiabilitiesAir air, TraceTable trace) =>
        CheatingProver.Prove(air, trace, new LiabilitiesAuxTraceBuilder(air), ZkParameterSet.Test.Options, new ProverCheats { SkipSelfChecks = true }).Encode();

    /// <summary>Builds the claimed statement's AIR and proves the trace without self-checks.</summary>
    public static byte[] Prove(ZkBatchStatement claimed, TraceTable trace) =>
        ProveUnchecked(new LiabilitiesAir(claimed, ZkParameterSet.Test.TraceLength, ZkParameterSet.Test.Options.RandomRows), trace);

    /// <summary>Builds the claimed statement's AIR, proves the trace without self-checks and verifies.</summary>
    public static VerificationResult ProveAndVerify(ZkBatchStatement claimed, TraceTable trace) =>
        ZkBatchVerifier.Verify(claimed, Prove(claimed, trace), allowTestParameters: true);

    /// <summary>Recomputes every permutation row (leaves, nodes, both chains); returns the root, K_in and K_out.</summary>
    private static (Goldilocks[] Root, Goldilocks[] ChainIn, Goldilocks[] ChainOut) Rehash(TraceTable trace, int n, Action<int, Goldilocks[]>? adjustInputs)
    {
        var nodes = new Dictionary<ulong, Goldilocks[]>();
        var inputs = new Goldilocks[8];
        Goldilocks[] previous = ZkTestBatch.ZeroDigest();
        Goldilocks[] chainIn = ZkTestBatch.ZeroDigest(), chainOut = ZkTestBatch.ZeroDigest();
        for (int r = 0; r < trace.Rows; r++)
        {
            for (int i = 0; i < 8; i++)
            {
                inputs[i] = trace[LiabilitiesAir.In + i, r];
            }

            bool cont = !trace[LiabilitiesAir.Cont, r].IsZero;
            bool node = !trace[LiabilitiesAir.Node, r].IsZero;
            bool isChainIn = !trace[LiabilitiesAir.ChainIn, r].IsZero, isChainOut = !trace[LiabilitiesAir.ChainOut, r].IsZero;
            int chainFlag = isChainIn ? LiabilitiesAir.ChainIn : LiabilitiesAir.ChainOut;
            if (cont || ((isChainIn || isChainOut) && r > 0 && !trace[chainFlag, r - 1].IsZero))
            {
                previous.CopyTo(inputs, 0);
            }

            if (isChainIn || isChainOut)
            {
                (inputs[4], inputs[5]) = ChainTotal(trace, r);
                inputs[6] = trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, r];
                inputs[7] = Goldilocks.Zero;
            }

            if (node)
            {
                ulong nid = trace[LiabilitiesAir.Nid, r].Value;
                Goldilocks[] zero = ZkTestBatch.ZeroDigest();
                nodes.GetValueOrDefault(2 * nid, zero).CopyTo(inputs, 0);
                nodes.GetValueOrDefault((2 * nid) + 1, zero).CopyTo(inputs, 4);
            }

            adjustInputs?.Invoke(r, inputs);
            previous = LiabilitiesTraceBuilder.FillPermutation(trace, r, inputs);
            if (!trace[LiabilitiesAir.LastLeaf, r].IsZero)
            {
                nodes[(ulong)n + trace[LiabilitiesAir.Acct, r].Value] = previous;
            }

            if (node)
            {
                nodes[trace[LiabilitiesAir.Nid, r].Value] = previous;
            }

            if (isChainIn)
            {
                chainIn = previous;
            }

            if (isChainOut)
            {
                chainOut = previous;
            }
        }

        return (nodes.GetValueOrDefault(1UL, ZkTestBatch.ZeroDigest()), chainIn, chainOut);
    }

    private static (Goldilocks Lo, Goldilocks Hi) ChainTotal(TraceTable trace, int r) =>
        (trace[s_limb0 + 2, r] + (s_two16 * trace[s_limb0 + 3, r]),
         trace[s_limb1, r] + (s_two16 * trace[s_limb1 + 1, r]) + (s_two32 * trace[s_limb0, r]) + (s_two48 * trace[s_limb0 + 1, r]));

    private static void LookChain(TraceTable trace, int r, Action<Goldilocks> look)
    {
        foreach (int c in (ReadOnlySpan<int>)[s_limb0, s_limb0 + 1, s_limb0 + 2, s_limb0 + 3, s_limb1, s_limb1 + 1])
        {
            look(trace[c, r]);
        }

        look(new Goldilocks(256) * trace[s_limb0 + 1, r]);
    }

    private static Int128 Signed(Goldilocks v) => v.Value > Goldilocks.Modulus / 2 ? (Int128)v.Value - Goldilocks.Modulus : v.Value;
}
