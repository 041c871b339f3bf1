#!/usr/bin/env python3
# Independent implementation (plain Python integers + hashlib) of the zk account tree encodings of docs/formats.md
# ("zk account tree"). Poseidon2 is rebuilt here from the published constants in
# testdata/vectors/poseidon2-goldilocks.json (Plonky3 default width 8) and checked against its published KAT first.
# Writes testdata/vectors/zk-tree.json; the C# tests must reproduce every value.
import hashlib, json, os, struct

HERE = os.path.dirname(os.path.abspath(__file__))
VEC = os.path.join(HERE, "..", "..", "testdata", "vectors")
P = 0xFFFFFFFF00000001
spec = json.load(open(os.path.join(VEC, "poseidon2-goldilocks.json")))
inst = next(i for i in spec["instances"] if i["id"] == "plonky3-default-goldilocks-w8")
H = lambda s: int(s, 16)
DIAG = [H(x) for x in inst["internal_diag"]]
RC = inst["round_constants"]
EI = [[H(x) for x in r] for r in RC["external_initial"]]
EF = [[H(x) for x in r] for r in RC["external_final"]]
INT = [H(x) for x in RC["internal"]]
M4 = inst["external_matrix"]["m4"]

def m_e(x):
    y = []
    for c in range(2):
        ch = x[4 * c:4 * c + 4]
        y += [sum(M4[r][k] * ch[k] for k in range(4)) % P for r in range(4)]
    s = [(y[k] + y[4 + k]) % P for k in range(4)]
    return [(y[i] + s[i % 4]) % P for i in range(8)]

def m_i(x):
    t = sum(x) % P
    return [(DIAG[i] * x[i] + t) % P for i in range(8)]

def perm(x):
    x = m_e(list(x))
    for r in EI:
        x = m_e([pow((x[i] + r[i]) % P, 7, P) for i in range(8)])
    for c in INT:
        x[0] = pow((x[0] + c) % P, 7, P)
        x = m_i(x)
    for r in EF:
        x = m_e([pow((x[i] + r[i]) % P, 7, P) for i in range(8)])
    return x

for kat in inst["kats"]:
    assert perm([H(v) for v in kat["input"]]) == [H(v) for v in kat["output"]], "Poseidon2 KAT failed"

def compress(l, r): return perm(l + r)[:4]
def id_commitment(uid, salt):
    d = hashlib.sha256(b"PoL-id-v1" + uid + salt).digest()
    return [struct.unpack("<Q", d[8 * i:8 * i + 8])[0] & ((1 << 62) - 1) for i in range(4)]
FIRST_BLOCK_MARKER = 1 << 49
def slot(asset_id, bal, last): return [(bal >> 32) + (asset_id << 32) + (last << 48), bal & 0xFFFFFFFF]
def leaf(c, holdings):  # holdings: [(asset_id 1-based, balance)], strictly increasing ids
    blocks = max(1, (len(holdings) + 1) // 2)
    s = c
    for b in range(blocks):
        blk = []
        for j in (2 * b, 2 * b + 1):
            blk += slot(holdings[j][0], holdings[j][1], int(j == len(holdings) - 1)) if j < len(holdings) else [0, 0]
        if b == 0:
            blk[0] += FIRST_BLOCK_MARKER  # every m0 < 2^49, so this never carries into another field
        s = compress(s, blk)
    return s

hx = lambda v: "0x%016x" % v
salt = bytes(range(32))
cases = [
    ("alice", []),
    ("alice", [(1, 150000000)]),
    ("alice", [(1, 150000000), (3, 42000000)]),
    ("alice", [(1, 150000000), (3, 42000000), (22, (1 << 64) - 1)]),
    ("bob", [(2, 0)]),
    ("bob", [(2, 1 << 32)]),
]
out = {"description": "Known-answer vectors for the zk account tree (docs/formats.md §8, with the first-block marker 2^49). Produced by "
       "scripts/vectors/zk_tree.py, an independent Python implementation that first reproduces the published Plonky3 "
       "w8 KAT. Asset ids are 1-based (asset table position + 1). Elements are canonical, 0x + 16 hex digits.",
       "leaves": [], "nodes": []}
for uid, hs in cases:
    c = id_commitment(uid.encode(), salt)
    out["leaves"].append({"uid": uid, "salt": salt.hex(), "id_commitment": [hx(v) for v in c],
                          "holdings": [[a, str(b)] for a, b in hs], "leaf": [hx(v) for v in leaf(c, hs)]})
# Prefix folds (issue 12): hashing block 0 into the id commitment, C* = c(C, block 0), and dropping its holdings must
# not give the same leaf; before the first-block marker it did.
out["folds"] = []
for uid, hs in cases[2:4]:
    c = id_commitment(uid.encode(), salt)
    blk0 = []
    for j in (0, 1):
        blk0 += slot(hs[j][0], hs[j][1], int(j == len(hs) - 1)) if j < len(hs) else [0, 0]
    blk0[0] += FIRST_BLOCK_MARKER
    folded_c = compress(c, blk0)
    rest = hs[2:]
    folded = leaf(folded_c, rest)
    assert folded != leaf(c, hs), "a folded prefix hashes like the whole account"
    out["folds"].append({"uid": uid, "salt": salt.hex(), "holdings": [[a, str(b)] for a, b in hs],
                         "leaf": [hx(v) for v in leaf(c, hs)], "folded_commitment": [hx(v) for v in folded_c],
                         "folded_holdings": [[a, str(b)] for a, b in rest], "folded_leaf": [hx(v) for v in folded]})
l0 = [H(x) for x in out["leaves"][0]["leaf"]]; l1 = [H(x) for x in out["leaves"][2]["leaf"]]
out["nodes"].append({"left": [hx(v) for v in l0], "right": [hx(v) for v in l1], "node": [hx(v) for v in compress(l0, l1)]})
out["nodes"].append({"left": [hx(v) for v in [0, 1, 2, 3]], "right": [hx(v) for v in [4, 5, 6, 7]],
                     "node": [hx(v) for v in compress([0, 1, 2, 3], [4, 5, 6, 7])]})
json.dump(out, open(os.path.join(VEC, "zk-tree.json"), "w"), indent=1)
print("ok")
