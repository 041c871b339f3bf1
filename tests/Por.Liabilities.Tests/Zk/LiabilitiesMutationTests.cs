// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.Testing.Mutants;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// The constraint-mutation harness over <see cref="LiabilitiesAir"/> (docs/liabilities-zk.md, "Every constraint
/// load-bearing"): every transition constraint, assertion, LogUp fraction and bus of the last-batch AIR, plus the
/// K_out constraints that only a middle batch has, each disabled in turn against a specific cheating witness.
/// </summary>
public sealed partial class LiabilitiesMutationTests(ITestOutputHelper output)
{
    /// <summary>Fractions 0..10 are range-bus sends (slot limbs and asset ids, then 2^8·c1); see LiabilitiesAir.Fractions.</summary>
    internal const int RangeSends = 11;

    /// <summary>
    /// Items without a witness or a written argument: none (docs/liabilities-zk.md §3.8). A new constraint fails the
    /// harness until it has one.
    /// </summary>
    private const int KnownPending = 0;

    [Fact]
    public void LastBatch_EveryItemLoadBearing() => Check(Suite(final: true));

    [Fact]
    public void MiddleBatch_KOutConstraintsLoadBearing() => Check(Suite(final: false));

    /// <summary>The main constraints' names in LiabilitiesAir.EvaluateTransition's order (checked against the AIR's count).</summary>
    internal static string[] MainNames(LiabilitiesAir air)
    {
        var names = new List<string>();
        int permutation = Poseidon2Row.ConstraintCount(ZkAccountEncoding.Permutation.Parameters);
        names.AddRange(Enumerable.Range(0, permutation).Select(i => $"perm[{i}]"));
        names.AddRange(["bool.First", "bool.Cont", "bool.LastLeaf", "bool.Node", "bool.Root", "bool.Carry", "bool.Valid0", "bool.Valid1", "bool.Last0", "bool.Last1", "bool.ChainIn", "bool.ChainOut"]);
        names.AddRange(["kind", "lastIsLeaf", "valid0IsLeaf", "valid1IsLeaf", "rootIsNode", "rootNid"]);
        for (int s = 0; s < 2; s++)
        {
            names.AddRange([$"slot{s}.m0", $"slot{s}.lo", $"slot{s}.invalidM0", $"slot{s}.invalidLo"]);
        }

        names.AddRange(["chain.sLo", "chain.sHi", "chain.asset", "chain.zero"]);
        names.AddRange(Enumerable.Range(0, 4).Select(j => $"root[{j}]"));
        names.AddRange(["leafThenCont", "contAfterLeaf"]);
        names.AddRange(Enumerable.Range(0, 4).Select(j => $"contLink[{j}]"));
        names.AddRange(["contAcct", "firstAcct", "firstAfterLast", "lastThen", "nodeEntry", "nodeEntryAcct", "nodeEntryNid", "nodeNid", "nodeEnd", "rootLast", "nodeThen", "carryEntry", "carryFirstAsset", "carryAsset", "paddingThen", "carryThen"]);
        names.AddRange(["chainInEntry", "chainInFirstAsset", "chainInAsset"]);
        names.AddRange(Enumerable.Range(0, 4).Select(j => $"chainInLink[{j}]"));
        names.AddRange(["chainInThen", "chainInLastAsset"]);
        names.AddRange(Enumerable.Range(0, 4).Select(j => $"kIn[{j}]"));
        names.AddRange(["chainOutEntry", "chainOutFirstAsset", "chainOutAsset"]);
        names.AddRange(Enumerable.Range(0, 4).Select(j => $"chainOutLink[{j}]"));
        names.Add("chainOutLastAsset");
        if (!air.Statement.IsFinal)
        {
            names.AddRange(Enumerable.Range(0, 4).Select(j => $"kOut[{j}]"));
        }

        names.AddRange(["chainOutThen", "ramp"]);
        return [.. names];
    }

    internal static string[] AssertionNames(LiabilitiesAir air) =>
    [
        "First₀ = 1", "Acct₀ = 0", "t₀ = 0", "t_last = R − 1", "First_last = 0", "Cont_last = 0", "Node_last = 0", "Carry_last = 0", "ChainIn_last = 0", "ChainOut_last = 0",
        .. Enumerable.Range(0, air.TableColumns).Select(k => $"m{k}_last = 0"),
    ];

    internal static string[] FractionNames(LiabilitiesAir air) =>
    [
        "range slot0.l0", "range slot0.l1", "range slot0.l2", "range slot0.l3", "range slot0.asset",
        "range slot1.l0", "range slot1.l1", "range slot1.l2", "range slot1.l3", "range slot1.asset",
        "range 2^8·c1", "asset sum slot0 (+carry, S_in/S_out)", "asset sum slot1",
        "tree leaf send", "tree node send", "tree left-child receive", "tree right-child receive",
        .. Enumerable.Range(0, air.TableColumns).Select(k => $"range table receive t + {k}·R"),
    ];

    /// <summary>The tree bus: fractions 13..16.</summary>
    internal static MutantItem TreeBus => new(MutantKind.Fraction, 13, "tree digest bus", [13, 14, 15, 16]);

    /// <summary>The air of a claimed statement under the test parameter set.</summary>
    internal static LiabilitiesAir AirOf(ZkBatchStatement statement) =>
        new(statement, ZkParameterSet.Test.TraceLength, ZkParameterSet.Test.Options.RandomRows);

    /// <summary>
    /// Recounts the range table's multiplicities from the row's own range sends, leaving out the zeroed fractions
    /// (reads each lookup back through Fractions with α = 0, β = −1: the denominator is then x − tag).
    /// </summary>
    internal static void Recount(TraceTable trace, LiabilitiesAir air, IReadOnlyCollection<int> zeroed)
    {
        int last = trace.Rows - 1;
        var at = new Dictionary<ulong, (int Column, int Row)>();
        for (int r = 0; r < last; r++)
        {
            for (int k = 0; k < air.TableColumns; k++)
            {
                at.TryAdd((trace[LiabilitiesAir.Table, r] + new Goldilocks((ulong)k * (ulong)air.TableRows)).Value, (k, r));
            }
        }

        for (int k = 0; k < air.TableColumns; k++)
        {
            for (int r = 0; r < trace.Rows; r++)
            {
                trace[LiabilitiesAir.Multiplicity0 + k, r] = Goldilocks.Zero;
            }
        }

        GoldilocksExt3[] readBack = [GoldilocksExt3.Zero, GoldilocksExt3.FromBase(-Goldilocks.One), GoldilocksExt3.Zero];
        var row = new Goldilocks[trace.Width];
        var numerators = new GoldilocksExt3[air.FractionCount];
        var denominators = new GoldilocksExt3[air.FractionCount];
        for (int r = 0; r < last; r++)
        {
            trace.ReadRow(r, row);
            air.Fractions<Goldilocks, GoldilocksExt3>(row, readBack, numerators, denominators);
            for (int f = 0; f < RangeSends; f++)
            {
                Goldilocks m = numerators[f].A0;
                if (m.IsZero || zeroed.Contains(f))
                {
                    continue;
                }

                Goldilocks x = denominators[f].A0 + new Goldilocks(LiabilitiesAir.RangeTag);
                if (at.TryGetValue(x.Value, out (int Column, int Row) cell))
                {
                    trace[LiabilitiesAir.Multiplicity0 + cell.Column, cell.Row] += m;
                }
            }
        }
    }

    /// <summary>Re-derives a mutated trace (CheatingTrace.Rewire), claims what it proves and recounts the range table.</summary>
    internal static (StarkAir Air, TraceTable Trace) Finish(ZkBatchStatement statement, TraceTable trace, int[]? zeroed = null, Action<int, Goldilocks[]>? adjust = null, bool recomputeCarries = true)
    {
        LiabilitiesAir air = AirOf(statement);
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(trace, air, recomputeCarries, adjustInputs: adjust));
        LiabilitiesAir claimedAir = AirOf(claimed);
        Recount(trace, claimedAir, zeroed ?? []);
        return (claimedAir, trace);
    }

    /// <summary>
    /// The tree-bus cheat: carol's account is emptied in the leaves (so her holdings leave the totals) while every
    /// node row hashes the honest children, so the claimed root still commits to her honest leaf.
    /// </summary>
    internal static (ZkBatchStatement Honest, ZkBatchStatement Claimed, TraceTable Trace) DropLeafKeepRoot()
    {
        List<ZkAccount> accounts = ZkTestBatch.Accounts();
        (ZkBatchStatement honest, _, ZkBatchWitness honestWitness) = ZkTestBatch.Prepare(accounts);
        List<ZkAccount> dropped = [.. accounts];
        dropped[2] = dropped[2] with { Holdings = [] };
        (ZkBatchStatement without, _, ZkBatchWitness witness) = ZkTestBatch.Prepare(dropped);
        TraceTable trace = witness.Trace;
        TraceTable source = honestWitness.Trace;
        var byNid = new Dictionary<ulong, int>();
        for (int r = 0; r < source.Rows; r++)
        {
            if (!source[LiabilitiesAir.Node, r].IsZero)
            {
                byNid[source[LiabilitiesAir.Nid, r].Value] = r;
            }
        }

        for (int r = 0; r < trace.Rows; r++)
        {
            if (!trace[LiabilitiesAir.Node, r].IsZero)
            {
                int from = byNid[trace[LiabilitiesAir.Nid, r].Value];
                for (int c = LiabilitiesAir.In; c < LiabilitiesAir.Slot0; c++)
                {
                    trace[c, r] = source[c, from];
                }
            }
        }

        return (honest, without with { Root = honest.Root }, trace);
    }

    /// <summary>
    /// The asset-id cheat: alice holds 5·2^32 of asset id 1 (slot 0) and of asset id 3 (slot 1), i.e. hi = 5, lo = 0.
    /// The cheater moves the slot's asset id to the field element a + 5·2^−32 and zeroes its limbs: the hashed lane
    /// m0 = hi + 2^32·asset + 2^48·last is unchanged (0 + 2^32·a + 5 + …), so the leaf and the root are bit for bit
    /// the honest ones, while the summed balance is 0 at a pole no total checks. The holding leaves its asset's total.
    /// </summary>
    internal static (ZkBatchStatement Honest, ZkBatchStatement Claimed, TraceTable Trace) AssetIdOffByFieldFraction(int slot = 0)
    {
        List<ZkAccount> accounts = ZkTestBatch.Accounts();
        accounts[0] = ZkTestBatch.Account("alice", [new(0, 5UL << 32), new(2, 5UL << 32)]);
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
        TraceTable trace = witness.Trace;
        int row = FirstRowOf(trace, 0);
        int b = LiabilitiesAir.Slot0 + (slot * LiabilitiesAir.SlotWidth);
        Goldilocks hi = trace[b + LiabilitiesAir.SlotLimb0 + 2, row] + (new Goldilocks(1UL << 16) * trace[b + LiabilitiesAir.SlotLimb0 + 3, row]);
        trace[b + LiabilitiesAir.SlotAsset, row] += hi * new Goldilocks(1UL << 32).Inverse();
        trace[b + LiabilitiesAir.SlotLimb0 + 2, row] = Goldilocks.Zero;
        trace[b + LiabilitiesAir.SlotLimb0 + 3, row] = Goldilocks.Zero;
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(trace, air));
        Recount(trace, AirOf(claimed), [slot == 0 ? 4 : 9]);
        return (statement, claimed, trace);
    }

    internal static int FirstRowOf(TraceTable trace, ulong account) =>
        Enumerable.Range(0, trace.Rows).First(r => !trace[LiabilitiesAir.First, r].IsZero && trace[LiabilitiesAir.Acct, r].Value == account);

    private static IEnumerable<int> RowsWith(TraceTable trace, int column) =>
        Enumerable.Range(0, trace.Rows).Where(r => !trace[column, r].IsZero);

    private static MutantSuite Suite(bool final)
    {
        (ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness) Fresh() =>
            final ? ZkTestBatch.Prepare() : ZkTestBatch.Prepare(batchIndex: 1, batchCount: 3);
        LiabilitiesAir air = Fresh().Air;
        var context = new AirContext(air.TraceLength, air.RandomRows);
        string[] main = MainNames(air);
        if (main.Length != air.MainConstraintDegrees.Count)
        {
            throw new InvalidOperationException($"The harness's constraint layout ({main.Length}) no longer matches LiabilitiesAir ({air.MainConstraintDegrees.Count}): update MainNames.");
        }

        string[] assertions = AssertionNames(air);
        string[] fractions = FractionNames(air);
        string Name(MutantKind kind, int i) => kind switch
        {
            MutantKind.MainConstraint => main[i],
            MutantKind.AuxConstraint => i < air.FractionColumns ? $"fraction column {i}" : "accumulator step",
            MutantKind.Assertion => assertions[i],
            _ => i == 0 ? "acc₀ = 0" : "acc_last = final sum",
        };

        List<MutantItem> items = MutationHarness.ConstraintItems(air, context, Name);
        for (int f = 0; f < air.FractionCount; f++)
        {
            items.Add(new MutantItem(MutantKind.Fraction, f, fractions[f], [f]));
        }

        items.Add(new MutantItem(MutantKind.Fraction, 0, "range bus", [.. Enumerable.Range(0, RangeSends), .. Enumerable.Range(LiabilitiesAir.FixedFractions, air.TableColumns)]));
        items.Add(new MutantItem(MutantKind.Fraction, 11, "asset-sum bus", [11, 12]));
        items.Add(TreeBus);
        if (!final)
        {
            // Everything else is the same code as the last batch's; only K_out exists here alone.
            items = [.. items.Where(i => i.Kind == MutantKind.MainConstraint && i.Name.StartsWith("kOut", StringComparison.Ordinal))];
        }

        (StarkAir, TraceTable) Honest()
        {
            (_, LiabilitiesAir honestAir, ZkBatchWitness witness) = Fresh();
            return (honestAir, witness.Trace);
        }

        MutantWitness Witness(MutantItem item) => item.Kind switch
        {
            MutantKind.MainConstraint => MainWitness(item, Fresh),
            MutantKind.AuxConstraint or MutantKind.AuxAssertion => MutantWitness.Forgery("honest batch, asset 1's total claimed + 5: the accumulator's imbalance is absorbed where the item no longer looks", () =>
            {
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = Fresh();
                UInt128[] totals = [.. statement.Totals];
                totals[0] += 5;
                return (AirOf(statement with { Totals = totals }), witness.Trace);
            }),
            MutantKind.Assertion => AssertionWitness(item, Fresh),
            _ => FractionWitness(item),
        };

        return new MutantSuite(final ? "LiabilitiesAir (last batch)" : "LiabilitiesAir (middle batch: K_out)", air, ZkParameterSet.Test.Options, new Layout(air), items, Witness, Honest, a => new LiabilitiesAuxTraceBuilder((LiabilitiesAir)a));
    }

    private static MutantWitness MainWitness(MutantItem item, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        string name = item.Name;
        int lane = name.EndsWith(']') ? name[^2] - '0' : 0;
        string group = name.Contains('[', StringComparison.Ordinal) ? name[..name.IndexOf('[', StringComparison.Ordinal)] : name;
        switch (group)
        {
            case "perm":
                int k = int.Parse(name[5..^1], System.Globalization.CultureInfo.InvariantCulture);
                return MutantWitness.Forgery($"padding row: permutation column {8 + k} off by one, the rest of that row's permutation recomputed", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    TraceTable trace = witness.Trace;
                    int row = trace.Rows - 3;
                    Poseidon2 permutation = ZkAccountEncoding.Permutation;
                    var columns = new Goldilocks[Poseidon2Row.ColumnCount(permutation.Parameters)];
                    for (int c = 0; c < columns.Length; c++)
                    {
                        columns[c] = trace[LiabilitiesAir.In + c, row];
                    }

                    int column = permutation.Parameters.Width + k;
                    columns[column] += Goldilocks.One;
                    MutantWitnesses.RepairPermutationRow(permutation, columns, column);
                    for (int c = 0; c < columns.Length; c++)
                    {
                        trace[LiabilitiesAir.In + c, row] = columns[c];
                    }

                    return (AirOf(statement), trace);
                });
            case "slot0.m0" or "slot1.m0":
                return MutantWitness.Forgery("alice's summed balance gains 2^32 (limb l2 + 1) while her leaf hashes the honest m0", () =>
                    Bent(fresh, t => t[Limb(name, 2), FirstRowOf(t, 0)] += Goldilocks.One));
            case "slot0.lo" or "slot1.lo":
                return MutantWitness.Forgery("alice's summed balance gains 1 (limb l0 + 1) while her leaf hashes the honest lo", () =>
                    Bent(fresh, t => t[Limb(name, 0), FirstRowOf(t, 0)] += Goldilocks.One));
            case "slot0.invalidM0" or "slot1.invalidM0" or "slot0.invalidLo" or "slot1.invalidLo":
                return MutantWitness.Forgery("bob's invalid (unsummed) slot hashes a non-zero lane: his leaf commits to a holding no total includes", () =>
                    Bent(fresh, t => t[LiabilitiesAir.In + 4 + (2 * (name[4] - '0')) + (name.EndsWith("Lo", StringComparison.Ordinal) ? 1 : 0), FirstRowOf(t, 1)] += new Goldilocks(5UL << 32)));
            case "chain.sLo" or "chain.sHi" or "chain.asset" or "chain.zero":
                return MutantWitness.Forgery("the first chain-in row hashes a block other than its range-checked total: K_in commits to one S_in, the sums use another", () =>
                {
                    int input = name switch { "chain.sLo" => 4, "chain.sHi" => 5, "chain.asset" => 6, _ => 7 };
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    int row = RowsWith(witness.Trace, LiabilitiesAir.ChainIn).First();
                    return Finish(statement, witness.Trace, adjust: (r, inputs) =>
                    {
                        if (r == row)
                        {
                            inputs[input] += Goldilocks.One;
                        }
                    });
                });
            case "root":
                return MutantWitness.Forgery($"honest batch, root lane {lane} + 1 claimed", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    Goldilocks[] root = [.. statement.Root];
                    root[lane] += Goldilocks.One;
                    return (AirOf(statement with { Root = root }), witness.Trace);
                });
            case "kIn":
                return MutantWitness.Forgery($"honest batch, K_in lane {lane} + 1 claimed", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    Goldilocks[] chainIn = [.. statement.ChainIn];
                    chainIn[lane] += Goldilocks.One;
                    return (AirOf(statement with { ChainIn = chainIn }), witness.Trace);
                });
            case "kOut":
                return MutantWitness.Forgery($"honest batch, K_out lane {lane} + 1 claimed", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    Goldilocks[] chainOut = [.. statement.ChainOut];
                    chainOut[lane] += Goldilocks.One;
                    return (AirOf(statement with { ChainOut = chainOut }), witness.Trace);
                });
            case "contLink" or "chainInLink" or "chainOutLink":
                return MutantWitness.Forgery($"a continuation row does not start from the previous digest (lane {lane} + 1): the chained digest no longer commits to the earlier blocks", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    int row = group switch
                    {
                        "contLink" => RowsWith(witness.Trace, LiabilitiesAir.Cont).First(),
                        "chainInLink" => RowsWith(witness.Trace, LiabilitiesAir.ChainIn).Skip(1).First(),
                        _ => RowsWith(witness.Trace, LiabilitiesAir.ChainOut).Skip(1).First(),
                    };
                    return Finish(statement, witness.Trace, adjust: (r, inputs) =>
                    {
                        if (r == row)
                        {
                            inputs[lane] += Goldilocks.One;
                        }
                    });
                });
            case "ramp":
                return MutantWitness.Forgery("the range table's ramp jumps to 2^16 + 7 and back (one entry outside the range)", () =>
                {
                    (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = fresh();
                    witness.Trace[LiabilitiesAir.Table, air.TableRows + 5] = new Goldilocks((1UL << 16) + 7);
                    return (AirOf(statement), witness.Trace);
                });
            default:
                return SequencingWitness(name, fresh);
        }
    }

    private static MutantWitness SequencingWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        switch (name)
        {
            case "valid0IsLeaf" or "valid1IsLeaf":
                return MutantWitness.Forgery("a padding row carries a valid slot (asset 1, balance 7): a holding no leaf commits to is summed", () =>
                    Bent(fresh, t =>
                    {
                        int slot = name[5] - '0';
                        int row = t.Rows - 4;
                        int b = LiabilitiesAir.Slot0 + (slot * LiabilitiesAir.SlotWidth);
                        t[LiabilitiesAir.Valid0 + slot, row] = Goldilocks.One;
                        t[b + LiabilitiesAir.SlotAsset, row] = Goldilocks.One;
                        t[b + LiabilitiesAir.SlotLimb0, row] = new Goldilocks(7);
                        t[LiabilitiesAir.In + 4 + (2 * slot), row] += new Goldilocks(1UL << 32);
                        t[LiabilitiesAir.In + 5 + (2 * slot), row] += new Goldilocks(7);
                    }));
            case "bool.Last0" or "bool.Last1":
                return MutantWitness.Forgery("alice's last-holding flag is 2 (m0 gains 2^49): her leaf hashes a non-canonical block", () =>
                    Bent(fresh, t =>
                    {
                        int slot = name[^1] - '0';
                        int row = FirstRowOf(t, 0);
                        int b = LiabilitiesAir.Slot0 + (slot * LiabilitiesAir.SlotWidth);
                        Goldilocks before = t[b + LiabilitiesAir.SlotLast, row];
                        t[b + LiabilitiesAir.SlotLast, row] = new Goldilocks(2);
                        t[LiabilitiesAir.In + 4 + (2 * slot), row] += new Goldilocks(1UL << 48) * (new Goldilocks(2) - before);
                    }));
            case "bool.Valid0" or "bool.Valid1":
                return MutantWitness.Forgery("bob's empty slot is marked valid twice over (valid = 2, a zero holding of asset id 0)", () =>
                    Bent(fresh, t => t[LiabilitiesAir.Valid0 + (name[^1] - '0'), FirstRowOf(t, 1)] = new Goldilocks(2)));
            case "carryThen":
                return MutantWitness.Forgery("no chain rows at all (they become padding): K_in is never opened", () =>
                    Bent(fresh, t => ToPadding(t, [.. RowsWith(t, LiabilitiesAir.ChainIn), .. RowsWith(t, LiabilitiesAir.ChainOut)])));
            case "chainInThen":
                return MutantWitness.Forgery("no chain-out rows (they become padding): K_in is never checked against the public value", () =>
                    Bent(fresh, t => ToPadding(t, [.. RowsWith(t, LiabilitiesAir.ChainOut)])));
            case "nodeThen":
                return MutantWitness.Forgery("a batch without carries: no carry or chain rows follow the root (they become padding)", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZeroCarryBatch();
                    TraceTable t = witness.Trace;
                    ToPadding(t, [.. RowsWith(t, LiabilitiesAir.Carry), .. RowsWith(t, LiabilitiesAir.ChainIn), .. RowsWith(t, LiabilitiesAir.ChainOut)]);
                    return KeepTotals(statement, t);
                });
            case "chainOutLastAsset":
                return MutantWitness.Forgery("the chain-out runs on to asset A + 1 (an extra block in K_out's chain)", () =>
                    Bent(fresh, t =>
                    {
                        int row = RowsWith(t, LiabilitiesAir.ChainOut).Last() + 1;
                        t[LiabilitiesAir.ChainOut, row] = Goldilocks.One;
                        t[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, row] = new Goldilocks(ZkTestBatch.AssetCount + 1);
                    }));
            case "chainInAsset" or "chainOutAsset":
                return MutantWitness.Forgery("the chain's asset ids run 1, 3, 3: asset 2's block is skipped and asset 3's repeated", () =>
                    Bent(fresh, t => t[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, RowsWith(t, name == "chainInAsset" ? LiabilitiesAir.ChainIn : LiabilitiesAir.ChainOut).Skip(1).First()] = new Goldilocks(3)));
            case "carryAsset":
                return MutantWitness.Forgery("carry rows for assets 1, 3, 3 (batch without carries): asset 2's carry row is missing", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZeroCarryBatch();
                    witness.Trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, RowsWith(witness.Trace, LiabilitiesAir.Carry).Skip(1).First()] = new Goldilocks(3);
                    return KeepTotals(statement, witness.Trace);
                });
            case "chainInLastAsset" or "chainInFirstAsset" or "chainOutFirstAsset":
                return MutantWitness.Forgery(
                    name == "chainInLastAsset"
                        ? "the chain-in stops at asset A − 1 (its last row removed): K_in never opens asset A's incoming total"
                        : $"the {(name == "chainInFirstAsset" ? "chain-in" : "chain-out")} covers assets 2..A only (one row removed, ids shifted): asset 1's block is skipped",
                    () => Bent(fresh, t =>
                    {
                        int flag = name == "chainOutFirstAsset" ? LiabilitiesAir.ChainOut : LiabilitiesAir.ChainIn;
                        List<int> rows = [.. RowsWith(t, flag)];
                        RemoveRow(t, rows[^1]);
                        if (name != "chainInLastAsset")
                        {
                            for (int i = 0; i < rows.Count - 1; i++)
                            {
                                t[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotAsset, rows[i]] = new Goldilocks((ulong)i + 2);
                            }
                        }
                    }));
            case "paddingThen":
                return MutantWitness.Redundant(
                    "(1 − kind)·(next row's kinds): every row kind's entry constraint already names its allowed predecessors, none of them padding — nFirst·(1 − last) with last·(1 − leaf), nCont·(1 − leaf + last), nNode·(1 − last − node), nCarry·(1 − node − carry), nChainIn·(1 − carry − chainIn), nChainOut·(1 − chainIn − chainOut) — so with every other constraint in force it admits nothing more (removing it together with an entry constraint would)");
            case "chainOutThen":
                return MutantWitness.Redundant(
                    "chainOut·(nFirst + nCont + nNode + nCarry + nChainIn): the same entry constraints exclude a chain-out row as the predecessor of any of these kinds (a chain-out row is neither last-leaf, leaf, node, carry nor chain-in, by kind exclusivity), so with every other constraint in force it admits nothing more");
            default:
                return FlagWitness(name, fresh) ?? LinkWitness(name, fresh) ?? MutantWitness.Pending("sequencing / flag constraint: witness not written yet");
        }
    }

    /// <summary>Re-derives hashes and the range table but claims the honest totals (Rewire reads totals off carry rows).</summary>
    private static (StarkAir, TraceTable) KeepTotals(ZkBatchStatement statement, TraceTable trace)
    {
        ZkBatchStatement claimed = CheatingTrace.Claim(statement, CheatingTrace.Rewire(trace, AirOf(statement))) with { Totals = statement.Totals };
        Recount(trace, AirOf(claimed), []);
        return (AirOf(claimed), trace);
    }

    /// <summary>One account holding 5 of asset 1 and 7 of asset 2: every carry is zero.</summary>
    private static (ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness) ZeroCarryBatch() =>
        ZkTestBatch.Prepare([ZkTestBatch.Account("x", [new(0, 5), new(1, 7)])]);

    /// <summary>
    /// Inserts empty continuation blocks after account 0's single block so that the last non-padding row becomes the last
    /// witness row ℓ (account 0 must have one block).
    /// </summary>
    private static void StretchPipelineToEnd(TraceTable trace)
    {
        int[] kinds = [LiabilitiesAir.First, LiabilitiesAir.Cont, LiabilitiesAir.Node, LiabilitiesAir.Carry, LiabilitiesAir.ChainIn, LiabilitiesAir.ChainOut];
        int end = Enumerable.Range(0, trace.Rows).Last(r => kinds.Any(c => !trace[c, r].IsZero));
        int extra = trace.Rows - 1 - end;
        for (int r = end; r >= 1; r--)
        {
            for (int c = 0; c < LiabilitiesAir.Table; c++)
            {
                trace[c, r + extra] = trace[c, r];
            }
        }

        for (int r = 1; r <= extra; r++)
        {
            for (int c = 0; c < LiabilitiesAir.Table; c++)
            {
                trace[c, r] = Goldilocks.Zero;
            }

            trace[LiabilitiesAir.Cont, r] = Goldilocks.One;
        }

        trace[LiabilitiesAir.LastLeaf, 0] = Goldilocks.Zero;
        trace[LiabilitiesAir.LastLeaf, extra] = Goldilocks.One;
    }

    /// <summary>Removes a row: the rows after it move up by one (every column up to the range ramp); the last stays padding.</summary>
    private static void RemoveRow(TraceTable trace, int row)
    {
        for (int r = row; r < trace.Rows - 1; r++)
        {
            for (int c = 0; c < LiabilitiesAir.Table; c++)
            {
                trace[c, r] = trace[c, r + 1];
            }
        }
    }

    /// <summary>Turns rows into copies of the padding row before the last (every column up to the range ramp).</summary>
    private static void ToPadding(TraceTable trace, IEnumerable<int> rows)
    {
        int padding = trace.Rows - 2;
        foreach (int r in rows)
        {
            for (int c = 0; c < LiabilitiesAir.Table; c++)
            {
                trace[c, r] = trace[c, padding];
            }
        }
    }

    private static int Limb(string name, int limb) => LiabilitiesAir.Slot0 + ((name[4] - '0') * LiabilitiesAir.SlotWidth) + LiabilitiesAir.SlotLimb0 + limb;

    private static (StarkAir, TraceTable) Bent(Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh, Action<TraceTable> bend)
    {
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
        bend(witness.Trace);
        return Finish(statement, witness.Trace);
    }

    private static MutantWitness AssertionWitness(MutantItem item, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        switch (item.Name)
        {
            case "t₀ = 0":
                return MutantWitness.Forgery("the ramp starts at −1 (table entries −1 + k·R), multiplicities moved along", () =>
                {
                    (_, LiabilitiesAir air, ZkBatchWitness witness) = fresh();
                    TraceTable trace = witness.Trace;
                    for (int r = 0; r <= air.TableRows; r++)
                    {
                        trace[LiabilitiesAir.Table, r] = new Goldilocks((ulong)r) - Goldilocks.One;
                    }

                    Recount(trace, air, []);
                    return (air, trace);
                });
            case "t_last = R − 1":
                return MutantWitness.Forgery("the ramp runs on past R − 1 (table entries t + 31·R ≥ 2^16)", () =>
                {
                    (_, LiabilitiesAir air, ZkBatchWitness witness) = fresh();
                    for (int r = 0; r < witness.Trace.Rows; r++)
                    {
                        witness.Trace[LiabilitiesAir.Table, r] = new Goldilocks((ulong)r);
                    }

                    return (air, witness.Trace);
                });
            case "First₀ = 1":
                return MutantWitness.Forgery("row 0 is a continuation block: the first account's leaf starts from the zero state, without its id commitment or first-block marker", () =>
                    Bent(fresh, t =>
                    {
                        t[LiabilitiesAir.First, 0] = Goldilocks.Zero;
                        t[LiabilitiesAir.Cont, 0] = Goldilocks.One;
                        t[LiabilitiesAir.In + 4, 0] -= new Goldilocks(ZkAccountEncoding.FirstBlockMarker);
                    }));
            case "First_last = 0":
                return MutantWitness.Redundant(
                    "a first block at row ℓ needs a last-leaf row before it (k = 128 with 99), and leaf rows only follow leaf rows (k = 121, 128), so rows 0..ℓ are all leaf rows: no node row exists and row ℓ − 1's leaf send on the tree bus has no receiver (tags keep other buses from cancelling it)");
            case "ChainOut_last = 0" or "ChainIn_last = 0" or "Carry_last = 0":
                return MutantWitness.Forgery(
                    $"the pipeline is stretched (empty continuation blocks in account 0) so that its last {item.Name[..item.Name.IndexOf('_', StringComparison.Ordinal)]} row is row ℓ, where its closing checks (K_out / K_in / the carry) fall outside the constrained steps",
                    () =>
                    {
                        bool carry = item.Name.StartsWith("Carry", StringComparison.Ordinal);
                        (ZkBatchStatement statement, _, ZkBatchWitness witness) = carry ? ZeroCarryBatch() : fresh();
                        TraceTable t = witness.Trace;
                        List<int> drop = item.Name switch
                        {
                            "ChainIn_last = 0" => [.. RowsWith(t, LiabilitiesAir.ChainOut)],
                            "Carry_last = 0" => [.. RowsWith(t, LiabilitiesAir.ChainIn), .. RowsWith(t, LiabilitiesAir.ChainOut)],
                            _ => [],
                        };
                        foreach (int r in Enumerable.Reverse(drop))
                        {
                            RemoveRow(t, r);
                        }

                        StretchPipelineToEnd(t);
                        return carry ? KeepTotals(statement, t) : Finish(statement, t);
                    });
            case "Cont_last = 0":
                return MutantWitness.Forgery("the whole trace is account 0's leaf: one first block and continuation blocks to the end, no holdings, no tree, no carries, no chain — all-zero totals claimed under the honest root", () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    TraceTable trace = witness.Trace;
                    for (int r = 0; r < trace.Rows; r++)
                    {
                        for (int c = r == 0 ? 4 : 0; c < LiabilitiesAir.Table; c++)
                        {
                            trace[c, r] = Goldilocks.Zero;
                        }

                        trace[r == 0 ? LiabilitiesAir.First : LiabilitiesAir.Cont, r] = Goldilocks.One;
                    }

                    trace[LiabilitiesAir.In + 4, 0] = new Goldilocks(ZkAccountEncoding.FirstBlockMarker);
                    CheatingTrace.Rewire(trace, AirOf(statement));
                    ZkBatchStatement claimed = statement with { Totals = [0, 0, 0] };
                    Recount(trace, AirOf(claimed), []);
                    return (AirOf(claimed), trace);
                });
            default:
                if (item.Name.StartsWith('m'))
                {
                    return MutantWitness.Redundant(
                        "m_k at the last witness row: no transition constraint reads the multiplicity columns and the last row's fractions are outside the accumulated steps (acc_last sums rows 0..last−1; the fraction constraints are exempt there), so the value changes nothing");
                }

                return FlagAssertionWitness(item.Name, fresh) ?? MutantWitness.Pending("boundary flag assertion: witness or redundancy argument not written yet");
        }
    }

    private static MutantWitness FractionWitness(MutantItem item)
    {
        int[] zeroed = item.Fractions ?? [item.Index];
        if (item.Name == "tree digest bus")
        {
            return MutantWitness.Forgery("carol's leaf dropped from the sums while the node rows hash the honest children (the root still commits to her)", () =>
            {
                (_, ZkBatchStatement claimed, TraceTable trace) = DropLeafKeepRoot();
                return (AirOf(claimed), trace);
            });
        }

        if (item.Name == "asset-sum bus")
        {
            return MutantWitness.Forgery("honest batch, all-zero totals claimed", () =>
            {
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare();
                return (AirOf(statement with { Totals = [0, 0, 0] }), witness.Trace);
            });
        }

        if (item.Name == "range bus")
        {
            return MutantWitness.Forgery("dave's balance becomes −1 (limb l0 = p − 1) and the totals drop accordingly; multiplicities all zero without the bus", () =>
                NegativeLimb(0, 0, zeroed));
        }

        int f = item.Index;
        if (f < 4 || (f >= 5 && f < 9))
        {
            int slot = f < 5 ? 0 : 1;
            int limb = f % 5;
            return MutantWitness.Forgery($"a slot-{slot} limb l{limb} of p − 1: a negative balance passes and the claimed total drops", () => NegativeLimb(slot, limb, zeroed));
        }

        if (f is 4 or 9)
        {
            return MutantWitness.Forgery("alice's 5·2^32 holding moved to asset id a + 5·2^−32 with zero limbs: the same leaf and root, the holding gone from its total", () =>
            {
                (_, ZkBatchStatement claimed, TraceTable trace) = AssetIdOffByFieldFraction(f == 4 ? 0 : 1);
                return (AirOf(claimed), trace);
            });
        }

        if (f == 10)
        {
            return MutantWitness.Forgery("carry c = 2^32 − 1 (c1 = 2^16 − 1 > 2^8) on an asset without carry: its total is claimed + p", () =>
            {
                List<ZkAccount> accounts = [ZkTestBatch.Account("x", [new(0, 5)])];
                (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
                TraceTable trace = witness.Trace;
                int row = RowsWith(trace, LiabilitiesAir.Carry).First();
                trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0, row] = new Goldilocks(0xFFFF);
                trace[LiabilitiesAir.Slot0 + LiabilitiesAir.SlotLimb0 + 1, row] = new Goldilocks(0xFFFF);
                ZkBatchStatement claimed = statement with { Totals = [5 + (UInt128)Goldilocks.Modulus, 0, 0] };
                Recount(trace, air, zeroed);
                return (AirOf(claimed), trace);
            });
        }

        if (f is 11 or 12)
        {
            return MutantWitness.Forgery($"slot {f - 11}'s holdings (and for slot 0 the carries and S_in) leave the sums: the account's {(f == 11 ? "first" : "second")} holding vanishes from the totals", () =>
            {
                List<ZkAccount> accounts = [ZkTestBatch.Account("x", [new(0, 5), new(1, 7)])];
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
                UInt128[] totals = f == 11 ? [0, 7, 0] : [5, 0, 0];
                return (AirOf(statement with { Totals = totals }), witness.Trace);
            });
        }

        if (f < LiabilitiesAir.FixedFractions)
        {
            return MutantWitness.Completeness(
                "one side of the closed tree bus: without it the other side's honest entries are unmatched, so no trace balances (only the whole bus can be forged away: see the tree-bus item)",
                () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare();
                    return (AirOf(statement), witness.Trace);
                });
        }

        int chunk = f - LiabilitiesAir.FixedFractions;
        return MutantWitness.Completeness(
            $"range table receive: zeroing it only removes solutions; an honest holding of k·R + 1 (k = {chunk}) is then unmatched",
            () =>
            {
                List<ZkAccount> accounts = [.. ZkTestBatch.Accounts(), ZkTestBatch.Account("table", [new(0, ((ulong)chunk * 2048) + 1)])];
                (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
                Assert.Equal(2048, air.TableRows);
                return (AirOf(statement), witness.Trace);
            });
    }

    private static (StarkAir, TraceTable) NegativeLimb(int slot, int limb, int[] zeroed)
    {
        (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        TraceTable trace = witness.Trace;
        int row = FirstRowOf(trace, slot == 0 ? 3UL : 4UL); // dave's asset-2 holding of 7; erin's asset-2 holding of 2^32 − 1
        int b = LiabilitiesAir.Slot0 + (slot * LiabilitiesAir.SlotWidth) + LiabilitiesAir.SlotLimb0;
        Goldilocks before = trace[b + limb, row];
        var minusOne = new Goldilocks(Goldilocks.Modulus - 1);
        trace[b + limb, row] = minusOne;
        Goldilocks delta = (minusOne - before) * new Goldilocks(limb % 2 == 0 ? 1UL : 1UL << 16);
        trace[LiabilitiesAir.In + 4 + (2 * slot) + (limb < 2 ? 1 : 0), row] += delta;
        return Finish(statement, trace, zeroed);
    }

    private void Check(MutantSuite suite)
    {
        MutantReport report = MutationHarness.Run(suite, output.WriteLine);
        string summary = MutationHarness.Publish(report);
        output.WriteLine(summary);
        Assert.True(report.Failures.Count == 0, string.Join(Environment.NewLine, report.Failures));
        Assert.Equal(report.Total, report.LoadBearing + report.Redundant + report.PendingItems.Count);
        Assert.True(report.PendingItems.Count <= KnownPending, string.Join(Environment.NewLine, report.PendingItems));
    }

    /// <summary>LiabilitiesAir's LogUp layout through its public <see cref="LiabilitiesAir.Fractions"/>.</summary>
    internal sealed class Layout(LiabilitiesAir air) : ILogUpLayout
    {
        public int FractionCount => air.FractionCount;

        public int PerColumn => LiabilitiesAir.FractionsPerColumn;

        public void Fractions<T, TE>(ReadOnlySpan<T> row, ReadOnlySpan<GoldilocksExt3> randomness, Span<TE> numerators, Span<TE> denominators)
            where T : unmanaged, IStarkField<T>
            where TE : unmanaged, IStarkExtension<TE, T> => air.Fractions(row, randomness, numerators, denominators);
    }
}
