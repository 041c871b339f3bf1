// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Testing.Mutants;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Witnesses for the row-flag items: booleanity, kind exclusivity, last ⇒ leaf, root ⇒ node and nid = 1, and the flag assertions.</summary>
public sealed partial class LiabilitiesMutationTests
{
    /// <summary>
    /// The tree-bus count (used by several arguments below): the tree bus's tuples (tag 3, length 5) share no pole with
    /// the range and asset-sum buses, so its numerators summed over rows 0..ℓ − 1 vanish mod p:
    /// Σ LastLeaf + Σ (Node − Root) − 2·Σ Node = #last-leaf rows − #node rows − #root rows ≡ 0, an integer equality
    /// since every count is below n ≪ p and the flags are bits.
    /// </summary>
    private const string TreeCount =
        "the tree bus (tag 3, 5-tuples: no pole shared with the other buses) sums its numerators over rows 0..ℓ − 1 to 0 mod p: #last-leaf rows − #node rows − #root rows = 0 over the integers (bits, counts < n ≪ p)";

    /// <summary>
    /// What sequencing gives about the tree's rows (used by the root arguments): row 0 is a first row with acct 0 (First₀,
    /// Acct₀), the accounts run 0, 1, … each ending in exactly one last-leaf row (k = 120, 121, 126–129), the last with acct
    /// N − 1 (k = 131): exactly N last-leaf rows. Node rows form ONE run, entered only from that last leaf (k = 130),
    /// with nid N − 1, N − 2, … (k = 132, 133); its last row must be a root (k = 134) and no other node row is one (k = 135).
    /// </summary>
    private const string Pipeline =
        "Sequencing gives exactly N last-leaf rows (First₀ = 1, Acct₀ = 0, k = 120, 121, 126–129, 131: accounts 0..N − 1, one last-leaf row each) and one run of node rows with nid N − 1, N − 2, … (k = 130, 132, 133) whose last row is a root (k = 134) and no other node row is (k = 135)";

    private static MutantWitness? FlagWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        return name switch
        {
            "bool.Cont" => MutantWitness.Forgery(
                "row 0 is First = 1, Cont = −1 (leaf = 0, kind = 0: a padding row, so padding follows): no leaves, no tree, no carries, no chain — all-zero totals claimed under the honest root",
                () =>
                {
                    (ZkBatchStatement statement, _, ZkBatchWitness witness) = fresh();
                    TraceTable trace = witness.Trace;
                    for (int r = 0; r < trace.Rows; r++)
                    {
                        for (int c = 0; c < LiabilitiesAir.Table; c++)
                        {
                            trace[c, r] = Goldilocks.Zero;
                        }
                    }

                    trace[LiabilitiesAir.First, 0] = Goldilocks.One;
                    trace[LiabilitiesAir.Cont, 0] = -Goldilocks.One;
                    CheatingTrace.Rewire(trace, AirOf(statement));
                    ZkBatchStatement claimed = statement with { Totals = [0, 0, 0] };
                    Recount(trace, AirOf(claimed), []);
                    return (AirOf(claimed), trace);
                }),
            "bool.First" => MutantWitness.Redundant(
                "First = φ ∉ {0, 1} on a row j: j = 0 is asserted (First₀ = 1); for j ≥ 1, k = 128 (φ·(1 − Last_{j−1})) gives Last_{j−1} = 1 and then k = 129 (Last_{j−1}·(1 − φ − Node_j)) gives φ = 1 − Node_j ∈ {0, 1} (Node boolean, k = 89, or asserted 0 at ℓ): a contradiction, so no new trace"),
            "bool.LastLeaf" => MutantWitness.Redundant(
                "LastLeaf = L ∉ {0, 1} on a row i < ℓ: on a non-leaf row k = 99 gives L = 0; on a leaf row (leaf = 1: First, Cont and the other kinds are bits and kind ∈ {0, 1}, k = 86–97 and 98) k = 120 ((1 − L)·(1 − Cont')) forces Cont' = 1 and then k = 121 (Cont'·(1 − leaf + L) = L) forces L = 0: a contradiction. At row ℓ LastLeaf is read by no constraint (none reads a next-row LastLeaf) and by no accumulated fraction"),
            "bool.Node" => MutantWitness.Redundant(
                "Node = ν ∉ {0, 1} on a row i < ℓ: k = 134 (ν·(1 − Node')·(1 − Root)) needs Root = 1 or Node' = 1; Root = 1 contradicts k = 102 (Root·(1 − ν)); Node' = 1 (also excluded at ℓ by Node_last = 0) makes k = 130 (Node'·(1 − Last − ν)) give ν = 1 − Last ∈ {0, 1} (k = 88): a contradiction. Row ℓ is asserted (Node_last = 0)"),
            "bool.Root" => MutantWitness.Redundant(
                "Root = ρ ∉ {0, 1} on a row i < ℓ: k = 102 gives Node = 1, k = 135 (ρ·Node') gives Node' = 0, then k = 134 (Node·(1 − Node')·(1 − ρ) = 1 − ρ) forces ρ = 1: a contradiction. At row ℓ Root is read by no constraint (none reads a next-row Root) and by no accumulated fraction"),
            "bool.Carry" => MutantWitness.Redundant(
                "Carry = c ∉ {0, 1} on a row i < ℓ: k = 141 (c·(1 − Carry' − ChainIn')) gives Carry' + ChainIn' = 1 with ChainIn' a bit (k = 96, or asserted 0 at ℓ together with Carry'); Carry' = 1 makes k = 137 (Carry'·(1 − Node − c)) give c = 1 − Node ∈ {0, 1}; ChainIn' = 1 makes k = 142 (ChainIn'·(1 − c − ChainIn)) give c = 1 − ChainIn ∈ {0, 1}: a contradiction either way. Row ℓ is asserted (Carry_last = 0)"),
            "bool.ChainIn" => MutantWitness.Redundant(
                "ChainIn = x ∉ {0, 1} on a row i < ℓ: k = 149 (x·(1 − ChainIn' − ChainOut')) gives ChainIn' + ChainOut' = 1 with ChainOut' a bit (k = 97, or both asserted 0 at ℓ); ChainIn' = 1 makes k = 142 (ChainIn'·(1 − Carry − x)) give x = 1 − Carry ∈ {0, 1}; ChainOut' = 1 makes k = 155 (ChainOut'·(1 − x − ChainOut)) give x = 1 − ChainOut ∈ {0, 1}: a contradiction. Row ℓ is asserted (ChainIn_last = 0)"),
            "bool.ChainOut" => MutantWitness.Redundant(
                "ChainOut = y ∉ {0, 1} on a row j < ℓ (row ℓ is asserted, ChainOut_last = 0). j = 0: it is a first row (First₀ = 1), k = 167 (y·(First' + Cont' + Node' + Carry' + ChainIn')) makes row 1 none of these, so k = 120 forces Last₀ = leaf₀ = 1 and k = 129 (Last₀·(1 − First' − Node') = 1) fails. j ≥ 1: k = 155 (y·(1 − ChainIn_{j−1} − ChainOut_{j−1})) makes row j − 1 a chain-in or a chain-out row; chain-in: k = 149 (1 − ChainIn_j − y) gives y ∈ {0, 1}; chain-out: k = 167 on step j − 1 clears every other flag of row j (bits, sum ≤ 5 < p), so kind_j = y and k = 98 gives y ∈ {0, 1}: a contradiction"),
            "kind" => MutantWitness.Redundant(
                "kind ∉ {0, 1} on a row i < ℓ: the flags are bits (k = 86–97), so kind ∈ {2..6}: two kinds set, at least one of first, cont, node, carry, chain-in; k = 140 ((1 − kind)·(next row's kinds), 1 − kind ≠ 0) makes row i + 1 a no-kind row, but each of those kinds demands a kind after it: a leaf row a cont row (k = 120) unless it is a last-leaf row (then Last = leaf = 1) and then a first or node row (k = 129); a node row a node or carry row (k = 136); a carry row a carry or chain-in row (k = 141); a chain-in row a chain-in or chain-out row (k = 149): a contradiction. Row ℓ has every kind flag asserted 0"),
            "lastIsLeaf" => MutantWitness.Redundant(
                "LastLeaf = 1 on a non-leaf row i < ℓ (leaf = 0; flags are bits and kinds exclusive): k = 120 ((0 − 1)·(1 − Cont')) forces Cont' = 1 and then k = 121 (Cont'·(1 − leaf + Last) = 2) fails: a contradiction. At row ℓ LastLeaf is read by no constraint and by no accumulated fraction"),
            "rootIsNode" => MutantWitness.Redundant(
                $"a root flag on a non-node row X (Root = 1, Node = 0) at a row < ℓ: X has nid 1 (k = 103), digest R_b (k = 116–119) and no node after it (k = 135), and adds to the tree bus only the receive −1/(α − φ(3, (1, digest))) (fraction 14: Node − Root = −1). {Pipeline}, that root with nid 1 (k = 103), so the run has N − 1 rows; and {TreeCount}: N − (N − 1) − (1 + #X) = 0, so no such X exists (at row ℓ Root enters no constraint and no accumulated fraction)"),
            "rootNid" => MutantWitness.Redundant(
                $"{Pipeline}; roots are node rows (k = 102), so the run's last row is the only root. With M node rows, {TreeCount}: N − M − 1 = 0, so M = N − 1 and the root, the run's last row, has nid N − 1 − (M − 1) = 1 anyway"),
            _ => null,
        };
    }

    private static MutantWitness? FlagAssertionWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        _ = fresh;
        return name switch
        {
            "Acct₀ = 0" => MutantWitness.Redundant(
                $"with Acct₀ = a free, the accounts run a, a + 1, …, each with one last-leaf row (k = 120, 121, 126–129), the last with acct N − 1 (k = 131), so there are N − a last-leaf rows (mod p); the node rows are one run from nid N − 1 down (k = 130, 132, 133) whose last row is the only root (k = 134, 135, 102) with nid 1 (k = 103): N − 1 node rows, 1 root; and {TreeCount}: (N − a) − (N − 1) − 1 = −a = 0, so a = 0"),
            "Node_last = 0" => MutantWitness.Redundant(
                $"with Node = 1 at row ℓ (row ℓ's own constraints and fractions are never evaluated), k = 130 makes row ℓ − 1 a last-leaf or a node row. Last-leaf: no node row before ℓ, so the N leaf sends are never received ({TreeCount} fails: N ≠ 0). Node: the run reaches ℓ, so no row before ℓ is a root (roots are node rows, k = 102, and each node row before ℓ is followed by a node, k = 135) and, with M node rows before ℓ (nid N − 1 … N − M), the count gives N − M = 0: the run ends with nid 0 at a row < ℓ. Node 0 receives (0, in[0..3]) and sends (0, c(in[0..3], in[4..7])), and no other tuple has id 0 (leaves N..2N − 1, nodes 1..N − 1), so the bus balances only if in[0..3] = c(in[0..3], in[4..7]): a fixed point of the Poseidon2 compression, which no prover can find (as hard as a preimage). So no trace a prover can produce is new"),
            _ => null,
        };
    }
}
