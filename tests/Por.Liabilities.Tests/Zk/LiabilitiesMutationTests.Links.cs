// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Testing.Mutants;

namespace Por.Liabilities.Tests.Zk;

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
        "contAfterLeaf" or "firstAfterLast" or "nodeEntry" or "carryEntry" or "chainInEntry" or "chainOutEntry" => MutantWitness.Redundant(EntryArgument(name)),
        "lastThen" => MutantWitness.Redundant(
            "last·(1 − nFirst − nNode), k = 129: without it a last-leaf row i may be followed by a continuation row, which k = 121 excludes, or by a row that is neither leaf nor node. Leaf rows are preceded only by leaf rows (k = 121, 128 with 99) and row 0 is a first row (First₀ = 1), so the leaf rows are exactly rows 0..i; a node row is preceded by a last-leaf or node row (k = 130), so the first node row could only be row i + 1: no node row exists. Row i (< ℓ, so its fraction is accumulated) sends (N + acct, digest) on the tree bus, and receives come only from node rows (the tags keep the other buses from cancelling it): the bus cannot balance"),
        "nodeEntryAcct" => MutantWitness.Redundant(
            "nNode·last·(acct − (N − 1)), k = 131: the leaf rows are a prefix (k = 121, 128 with 99, First₀ = 1) with account indices 0 (Acct₀ = 0), then + 1 at every first row (k = 127), constant on continuations (k = 126), every account ending in a last-leaf row (its successor is a first row, k = 128, or the first node row, k = 130; a non-last leaf is followed by a continuation, k = 120); say accounts 0..M. The node rows are nid N − 1 down to the root 1 (k = 132, 133, 134, 135, 103), so the tree bus receives exactly the ids [2, 2N), once each, and its node sends are [2, N): the leaf sends must be exactly the ids [N, 2N). Leaf sends are N + acct for acct in 0..M, each at least once; M < N − 1 leaves an id unsent, M > N − 1 sends id N + M ≥ 2N that nothing receives. So M = N − 1: the node rows start after account N − 1's last leaf without the constraint"),
        "nodeEntryNid" => MutantWitness.Redundant(
            "nNode·last·(nid' − (N − 1)), k = 132: the node rows count down by 1 (k = 133) from their first nid m to the root, nid 1 (k = 134, 135, 103), so m is the number of node rows (an integer < n, no wrap-around). They receive the ids [2, 2m + 2) once each and send [2, m + 1) (the root sends nothing); the leaves send the ids N + acct for every account 0..N − 1 (k = 131, 127, 126, Acct₀ = 0), so [N, 2N) at least. The tree bus balances only if [m + 1, 2m + 2) = [N, 2N) as multisets, i.e. m = N − 1"),
        "nodeEnd" => MutantWitness.Redundant(
            "node·(1 − nNode)·(1 − root), k = 134: the node rows are nid N − 1 down by 1 (k = 132, 133) to some last nid m (m > N − n, no wrap-around); a root row has nid 1 (k = 103) and no node after it (k = 135), so without k = 134 the only new traces end the node rows at m ≠ 1, or at m = 1 without the root flag. The tree bus receives [2m, 2N) once each and sends the non-root node ids and the leaves [N, 2N) (k = 131, 127, 126). m = 1 without root: id 1 is sent and nothing receives it. m ≥ 2: ids m..2m − 1 are sent (by nodes or leaves) and never received. m < 0: id 2m is received and never sent. m = 0: ids balance, but node 0 receives (0, in[0..3]) and sends (0, c(in[0..3], in[4..7])) while nothing else sends or receives id 0, so in[0..3] = c(in[0..3], in[4..7]): a fixed point of the compression, as hard to find as a preimage (Poseidon2 modelled as a random permutation). So no trace the real AIR rejects balances the bus, except with negligible probability"),
        "rootLast" => MutantWitness.Redundant(
            "root·nNode, k = 135: a root row is a node (k = 102) with nid 1 (k = 103); if a node row followed it, the node ids would continue 0, −1, … (k = 133, no wrap-around in fewer than n < p rows), the node rows must end before ℓ (Node_ℓ = 0) and their last row must be the root (k = 134), which has nid 1 (k = 103): a contradiction, so no new trace satisfies the others"),
        _ => null,
    };

    /// <summary>
    /// The entry constraints (k = 121, 128, 130, 137, 142, 155) are implied by the successor ("then") constraints: every
    /// row kind names the kinds that may follow it, and no kind other than the entry's allowed predecessors allows the entry's kind.
    /// </summary>
    private static string EntryArgument(string name)
    {
        (string constraint, string kind, string allowed, string others) = name switch
        {
            "contAfterLeaf" => ("nCont·(1 − leaf + last), k = 121", "continuation", "a leaf row that is not last",
                "a last leaf by last·(1 − nFirst − nNode) (k = 129), a node by k = 136, a carry by k = 141, a chain-in by k = 149, a chain-out by k = 163 (167 before the last batch), a padding row by k = 140"),
            "firstAfterLast" => ("nFirst·(1 − last), k = 128", "first", "a last-leaf row",
                "a non-last leaf by (leaf − last)·(1 − nCont) (k = 120; the next row would be first and continuation at once, against k = 98), a node by k = 136, a carry by k = 141, a chain-in by k = 149, a chain-out by k = 163 (167 before the last batch), a padding row by k = 140"),
            "nodeEntry" => ("nNode·(1 − last − node), k = 130", "node", "a last-leaf or node row",
                "a non-last leaf by k = 120 (with k = 98), a carry by k = 141, a chain-in by k = 149, a chain-out by k = 163 (167 before the last batch), a padding row by k = 140"),
            "carryEntry" => ("nCarry·(1 − node − carry), k = 137", "carry", "a node or carry row",
                "a non-last leaf by k = 120 (with k = 98), a last leaf by k = 129, a chain-in by k = 149, a chain-out by k = 163 (167 before the last batch), a padding row by k = 140"),
            "chainInEntry" => ("nChainIn·(1 − carry − chainIn), k = 142", "chain-in", "a carry or chain-in row",
                "a non-last leaf by k = 120 (with k = 98), a last leaf by k = 129, a node by k = 136, a chain-out by k = 163 (167 before the last batch), a padding row by k = 140"),
            _ => ("nChainOut·(1 − chainIn − chainOut), k = 155", "chain-out", "a chain-in or chain-out row",
                "a non-last leaf by k = 120 (with k = 98), a last leaf by k = 129, a node by k = 136, a carry by k = 141, a padding row by k = 140"),
        };
        return $"{constraint}: a {kind} row at i + 1 ≤ ℓ − 1 (at ℓ every kind flag is asserted 0) is, by booleanity and kind exclusivity (k = 86–98), the only kind of its row, and row i has exactly one kind or none. " +
            $"Every kind other than {allowed} excludes it as a successor: {others}. So with every other constraint in force the entry constraint admits nothing more. " +
            "It is the mirror of k = 140 and k = 163, which are redundant through the entry constraints: redundant one at a time, not together (removing both an entry constraint and k = 140 admits that kind after padding)";
    }

    /// <summary>Re-derives hashes and the range table of a bent trace and claims the given statement.</summary>
    private static (StarkAir, TraceTable) ClaimAs(ZkBatchStatement statement, TraceTable trace, ZkBatchStatement claimed)
    {
        CheatingTrace.Rewire(trace, AirOf(statement));
        Recount(trace, AirOf(claimed), []);
        return (AirOf(claimed), trace);
    }
}
