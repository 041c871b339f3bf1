// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Core.Tests.Liabilities.Zk;

/// <summary>
/// A cheating prover: after a test mutates a raw trace, it re-derives everything a cheater can make consistent
/// (leaf chaining, every permutation row, the node rows, range multiplicities, carry rows and the per-asset sums read
/// as signed field values) and proves it with the prover's self-checks skipped, so only the verifier can object.
/// </summary>
internal static class CheatingTrace
{
    private static readonly Goldilocks s_two16 = new(1UL << 16);

    /// <summary>Re-derives the trace and returns the root and (signed, field-interpreted) totals a cheater would claim.</summary>
    public static (Goldilocks[] Root, UInt128[] Totals) Rewire(TraceTable trace, LiabilitiesAir air, bool recomputeCarries = true)
    {
        int n = air.Statement.AccountsPerBatch;
        int assets = air.Statement.Totals.Count;
        var nodes = new Dictionary<ulong, Goldilocks[]>();
        var inputs = new Goldilocks[8];
        Goldilocks[] previous = ZkTestBatch.ZeroDigest();
        var lo = new Int128[assets + 2];
        var hi = new Int128[assets + 2];
        var lookups = new Dictionary<ulong, long>();
        void Look(Goldilocks v)
        {
            lookups[v.Value] = lookups.GetValueOrDefault(v.Value) + 1;
        }

        for (int r = 0; r < trace.Rows; r++)
        {
            for (int i = 0; i < 8; i++)
            {
                inputs[i] = trace[LiabilitiesAir.In + i, r];
            }

            bool cont = !trace[LiabilitiesAir.Cont, r].IsZero;
            bool node = !trace[LiabilitiesAir.Node, r].IsZero;
            if (cont)
            {
                previous.CopyTo(inputs, 0);
            }

            if (node)
            {
                ulong nid = trace[LiabilitiesAir.Nid, r].Value;
                Goldilocks[] zero = ZkTestBatch.ZeroDigest();
                nodes.GetValueOrDefault(2 * nid, zero).CopyTo(inputs, 0);
                nodes.GetValueOrDefault((2 * nid) + 1, zero).CopyTo(inputs, 4);
            }

            previous = LiabilitiesTraceBuilder.FillPermutation(trace, r, inputs);
            if (!trace[LiabilitiesAir.LastLeaf, r].IsZero)
            {
                nodes[(ulong)n + trace[LiabilitiesAir.Acct, r].Value] = previous;
            }

            if (node)
            {
                nodes[trace[LiabilitiesAir.Nid, r].Value] = previous;
            }

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

        for (int k = 0; k < air.TableColumns; k++)
        {
            for (int r = 0; r < air.TableRows; r++)
            {
                trace[LiabilitiesAir.Multiplicity0 + k, r] = new Goldilocks((ulong)lookups.GetValueOrDefault((ulong)((k * air.TableRows) + r)));
            }
        }

        return (nodes.GetValueOrDefault(1UL, ZkTestBatch.ZeroDigest()), totals);
    }

    /// <summary>Proves with the prover's self-checks skipped (a cheating prover).</summary>
    public static byte[] ProveUnchecked(LiabilitiesAir air, TraceTable trace) =>
        StarkProver.ProveCore(air, trace, ZkParameterSet.Test.Options, OsRandomSource.Instance, new ProverTamper { SkipSelfChecks = true }).Encode();

    /// <summary>Builds the claimed statement's AIR, proves the trace without self-checks and verifies.</summary>
    public static VerificationResult ProveAndVerify(ZkBatchStatement claimed, TraceTable trace)
    {
        var air = new LiabilitiesAir(claimed, ZkParameterSet.Test.TraceLength, ZkParameterSet.Test.Options.RandomRows);
        byte[] proof = ProveUnchecked(air, trace);
        return ZkBatchVerifier.Verify(claimed, proof, allowTestParameters: true);
    }

    private static Int128 Signed(Goldilocks v) => v.Value > Goldilocks.Modulus / 2 ? (Int128)v.Value - Goldilocks.Modulus : v.Value;
}
