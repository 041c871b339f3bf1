#!/usr/bin/env python3
# Independent implementation (Python hashlib) of the transparent sum tree encodings of docs/formats.md §3.
# Writes testdata/vectors/transparent-tree.json; the C# tests must reproduce every value.
import hashlib, json, struct, sys

def h(b): return hashlib.sha256(b).digest()
def u16(v): return struct.pack(">H", v)
def u64(v): return struct.pack(">Q", v)
def sums(dense): 
    nz = [(i, v) for i, v in enumerate(dense) if v]
    return u16(len(nz)) + b"".join(u16(i) + u64(v) for i, v in nz)
def commitment(rid, aid, salt): return h(b"por/account-commitment/v1" + u16(len(rid)) + rid + u16(len(aid)) + aid + salt)
def leaf(c, dense): return h(b"\x00" + c + sums(dense))
def node(l, ls, r, rs): return h(b"\x01" + l + sums(ls) + r + sums(rs))
PAD0 = h(b"\x02por/padding/v1")
assets = [("BTC", 8), ("ETH", 8), ("USDT", 6)]
def root(rid, t, count, depth, top, totals):
    d = b"por/transparent-sum-tree/v1"
    body = b"\x03" + u16(len(d)) + d + u16(len(rid)) + rid + struct.pack(">q", t) + u16(len(assets))
    body += b"".join(bytes([len(s)]) + s.encode() + bytes([dec]) for s, dec in assets)
    return h(body + u64(count) + bytes([depth]) + top + sums(totals))

rid, t = b"2026-11", 1793491200
salt_a, salt_b = bytes(range(32)), bytes(range(32, 64))
ca, cb = commitment(rid, b"alice@example.com", salt_a), commitment(rid, b"bob", salt_b)
ba, bb = [150000000, 0, 42000000], [0, 0, 0]
la, lb = leaf(ca, ba), leaf(cb, bb)
top2 = node(la, ba, lb, bb)
# three accounts: depth 2, the fourth leaf is padding
cc = commitment(rid, "carol ü".encode(), bytes([7]) * 32); bc = [1, 2, 3]; lc = leaf(cc, bc)
n0 = node(la, ba, lb, bb); n1 = node(lc, bc, PAD0, [0, 0, 0])
tot3 = [a + b + c for a, b, c in zip(ba, bb, bc)]
top3 = node(n0, [a + b for a, b in zip(ba, bb)], n1, bc)
out = {
  "source": "scripts/vectors/transparent_tree.py (independent Python implementation of docs/formats.md section 3)",
  "round_id": rid.decode(), "snapshot_time_unix": t, "assets": [{"symbol": s, "decimals": d} for s, d in assets],
  "accounts": [
    {"id": "alice@example.com", "salt": salt_a.hex(), "balances": ba, "commitment": ca.hex(), "leaf": la.hex()},
    {"id": "bob", "salt": salt_b.hex(), "balances": bb, "commitment": cb.hex(), "leaf": lb.hex()},
    {"id": "carol ü", "salt": (bytes([7]) * 32).hex(), "balances": bc, "commitment": cc.hex(), "leaf": lc.hex()}],
  "padding_leaf": PAD0.hex(),
  "padding_level1": node(PAD0, [0]*3, PAD0, [0]*3).hex(),
  "root_1_account": root(rid, t, 1, 0, la, ba).hex(),
  "root_2_accounts": root(rid, t, 2, 1, top2, [a + b for a, b in zip(ba, bb)]).hex(),
  "root_3_accounts": root(rid, t, 3, 2, top3, tot3).hex(),
}
json.dump(out, sys.stdout, indent=2); print()
