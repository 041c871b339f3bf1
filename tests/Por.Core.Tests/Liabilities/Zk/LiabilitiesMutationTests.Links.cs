// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Tests.Mutants;

namespace Por.Core.Tests.Liabilities.Zk;

/// <summary>Witnesses for the sequencing items: leaf and node links and the chain entries.</summary>
public sealed partial class LiabilitiesMutationTests
{
    private static MutantWitness? LinkWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh) => name switch
    {
        "leafThenCont" => MutantWitness.Forgery(
            "the batch ends after alice's first block, not marked last (padding follows): no leaf send, no tree, no root row, no carries, no chain — bob, carol, dave, erin vanish from the totals while the honest root is claimed with alice's holdings as the totals",
            () =>
            {
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                TraceTable t = witness.Trace;
                ToPadding(t, Enumerable.Range(1, t.Rows - 2));
                t[LiabilitiesAir.LastLeaf, 0] = Goldilocks.Zero;
                return ClaimAs(statement, t, statement with { Totals = [150_000_000, 0, 42_000_000] });
            }),
        "contAcct" => MutantWitness.Forgery(
            "continuation rows change the account index (alice's to 2, carol's to 0, erin's to 4; the first rows follow on by + 1): the tree places carol, dave, alice, bob, erin at leaves 0..4, not the trace's order",
            () =>
            {
                List<ZkAccount> accounts = ZkTestBatch.Accounts();
                accounts[0] = ZkTestBatch.Account("alice", [new(0, 150_000_000), new(1, 9), new(2, 42_000_000)]);
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZkTestBatch.Prepare(accounts);
                TraceTable t = witness.Trace;

                // Blocks (first acct → last acct): alice 0 → 2, bob 3, carol 4 → 0, dave 1, erin 2 → 4, then 5, 6, … as before.
                (int Account, ulong First, ulong Last)[] relabel = [(0, 0, 2), (1, 3, 3), (2, 4, 0), (3, 1, 1), (4, 2, 4)];
                var rows = relabel.Select(b => FirstRowOf(t, (ulong)b.Account)).ToArray();
                for (int i = 0; i < relabel.Length; i++)
                {
                    int r = rows[i];
                    t[LiabilitiesAir.Acct, r] = new Goldilocks(relabel[i].First);
                    for (int c = r + 1; !t[LiabilitiesAir.Cont, c].IsZero; c++)
                    {
                        t[LiabilitiesAir.Acct, c] = new Goldilocks(relabel[i].Last);
                    }
                }

                return Finish(statement, t);
            }),
        "firstAcct" => MutantWitness.Forgery(
            "bob's first row carries account index 2 and carol's rows index 1: the tree holds carol at leaf 1 and bob at leaf 2, not the trace's order",
            () => Bent(fresh, t =>
            {
                int bob = FirstRowOf(t, 1), carol = FirstRowOf(t, 2);
                t[LiabilitiesAir.Acct, bob] = new Goldilocks(2);
                for (int r = carol; r == carol || !t[LiabilitiesAir.Cont, r].IsZero; r++)
                {
                    t[LiabilitiesAir.Acct, r] = Goldilocks.One;
                }
            })),
        "nodeNid" => MutantWitness.Forgery(
            "the node rows of nid 9 and 8 swap places (15, …, 10, 8, 9, 7, …, 1): the same tree hashed in another order",
            () => Bent(fresh, t =>
            {
                int a = RowsWith(t, LiabilitiesAir.Node).First(r => t[LiabilitiesAir.Nid, r].Value == 9);
                for (int c = 0; c < LiabilitiesAir.Table; c++)
                {
                    (t[c, a], t[c, a + 1]) = (t[c, a + 1], t[c, a]);
                }
            })),
        "carryFirstAsset" => MutantWitness.Forgery(
            "the carry rows start at asset 2 (batch without carries; asset 1's carry row is removed): the root is followed by carries 2, 3",
            () =>
            {
                (ZkBatchStatement statement, _, ZkBatchWitness witness) = ZeroCarryBatch();
                RemoveRow(witness.Trace, RowsWith(witness.Trace, LiabilitiesAir.Carry).First());
                return KeepTotals(statement, witness.Trace);
            }),
        _ => null,
    };

    /// <summary>Re-derives hashes and the range table of a bent trace and claims the given statement.</summary>
    private static (StarkAir, TraceTable) ClaimAs(ZkBatchStatement statement, TraceTable trace, ZkBatchStatement claimed)
    {
        CheatingTrace.Rewire(trace, AirOf(statement));
        Recount(trace, AirOf(claimed), []);
        return (AirOf(claimed), trace);
    }
}
