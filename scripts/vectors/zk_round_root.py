#!/usr/bin/env python3
# Independent implementation (plain Python + hashlib) of the published zk round root of docs/formats.md §8.4:
#   root = SHA-256(u16(len(tag)) || tag || context_digest[32] || u8(len(parameter_set)) || parameter_set
#                  || u32(batch_count) || u16(asset_count) || asset_count x u64(total) || 4 x u64(tree_root[j]))
# with tag = "por/zk-round-root/v1", integers big-endian, and context_digest the round context digest of §8.1
#   SHA-256(u16(23) || "por/zk-round-context/v1" || u16(len(round_id)) || round_id || i64(snapshot_time)
#           || u16(asset_count) || asset_count x (u8(len(symbol)) || symbol || u8(decimals)))
# Writes testdata/vectors/zk-round-root.json; the C# tests must reproduce every context digest and root.
import calendar, hashlib, json, os, struct, time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "testdata", "vectors", "zk-round-root.json")
CONTEXT_TAG = b"por/zk-round-context/v1"
ROOT_TAG = b"por/zk-round-root/v1"
P = 2**64 - 2**32 + 1

def unix(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))

def context_digest(round_id, snapshot_time, assets):
    rid = round_id.encode("utf-8")
    m = struct.pack(">H", len(CONTEXT_TAG)) + CONTEXT_TAG + struct.pack(">H", len(rid)) + rid
    m += struct.pack(">q", unix(snapshot_time)) + struct.pack(">H", len(assets))
    for symbol, decimals, _ in assets:
        s = symbol.encode("ascii")
        m += struct.pack(">B", len(s)) + s + struct.pack(">B", decimals)
    return hashlib.sha256(m).digest()

def root(ctx, parameter_set, batch_count, totals, tree_root):
    assert len(ctx) == 32 and len(tree_root) == 4 and all(0 <= e < P for e in tree_root)
    ps = parameter_set.encode("ascii")
    m = struct.pack(">H", len(ROOT_TAG)) + ROOT_TAG + ctx + struct.pack(">B", len(ps)) + ps
    m += struct.pack(">I", batch_count) + struct.pack(">H", len(totals))
    m += b"".join(struct.pack(">Q", t) for t in totals)
    m += b"".join(struct.pack(">Q", e) for e in tree_root)
    return hashlib.sha256(m).hexdigest()

BASE = ("2026-11", "2026-11-01T00:00:00Z", [("BTC", 8, 22_000_000_000), ("USDT", 6, 7_000_000)],
        "pol-v1-n18", 39, [1, 2, 3, 4])
def vary(**kw):
    r, t, a, ps, b, tr = BASE
    return (kw.get("r", r), kw.get("t", t), kw.get("a", a), kw.get("ps", ps), kw.get("b", b), kw.get("tr", tr))

cases = [
    BASE,
    vary(r="2026-12"),
    vary(t="2026-11-01T00:00:01Z"),
    vary(a=[("XBT", 8, 22_000_000_000), ("USDT", 6, 7_000_000)]),
    vary(a=[("BTC", 7, 22_000_000_000), ("USDT", 6, 7_000_000)]),
    vary(a=[("BTC", 8, 22_000_000_001), ("USDT", 6, 7_000_000)]),
    vary(a=[("BTC", 8, 22_000_000_000), ("USDT", 6, 7_000_001)]),
    vary(ps="pol-v1-n8"),
    vary(b=40),
    vary(tr=[1, 2, 3, 5]),
    ("r", "1969-12-31T23:59:59Z", [("X", 0, 0)], "pol-test-n4", 1, [0, 0, 0, 0]),
    ("ronde-été", "2030-01-01T12:34:56Z", [("BTC", 8, 2**64 - 1), ("ETH", 18, 0), ("USDT", 6, 123456789)],
     "pol-v1-n8", 16384, [P - 1, 0x0123456789abcdef, 2**63, 42]),
]
vectors = []
for r, t, a, ps, b, tr in cases:
    ctx = context_digest(r, t, a)
    vectors.append({"round_id": r, "snapshot_time": t,
                    "assets": [{"symbol": s, "decimals": d, "total_units": str(u)} for s, d, u in a],
                    "parameter_set": ps, "batch_count": b,
                    "tree_root": "".join("%016x" % e for e in tr),
                    "context_digest": ctx.hex(), "root": root(ctx, ps, b, [u for _, _, u in a], tr)})
out = {"description": "Known-answer vectors for the published zk round root (docs/formats.md §8.4) and the context digest "
       "it binds (§8.1). tree_root is 4 Goldilocks elements, each 16 big-endian hex digits. Produced by "
       "scripts/vectors/zk_round_root.py, an independent Python (hashlib) implementation.",
       "vectors": vectors}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(OUT)
