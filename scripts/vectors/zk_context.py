#!/usr/bin/env python3
# Independent implementation (plain Python + hashlib) of the zk round context digest of docs/formats.md §8.1:
#   SHA-256(u16(len(tag)) || tag || u16(len(round_id)) || round_id || i64(snapshot_time, Unix seconds)
#           || u16(asset_count) || asset_count x (u8(len(symbol)) || symbol || u8(decimals)))
# with tag = "por/zk-round-context/v1", integers big-endian, strings UTF-8 (symbols are ASCII).
# Writes testdata/vectors/zk-context.json; the C# tests must reproduce every digest.
import calendar, hashlib, json, os, struct, time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "testdata", "vectors", "zk-context.json")
TAG = b"por/zk-round-context/v1"

def unix(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))

def digest(round_id, snapshot_time, assets):
    rid = round_id.encode("utf-8")
    m = struct.pack(">H", len(TAG)) + TAG + struct.pack(">H", len(rid)) + rid
    m += struct.pack(">q", unix(snapshot_time)) + struct.pack(">H", len(assets))
    for symbol, decimals in assets:
        s = symbol.encode("ascii")
        m += struct.pack(">B", len(s)) + s + struct.pack(">B", decimals)
    return hashlib.sha256(m).hexdigest()

cases = [
    ("2026-11", "2026-11-01T00:00:00Z", [("BTC", 8), ("USDT", 6)]),
    ("2026-11", "2026-11-01T00:00:01Z", [("BTC", 8), ("USDT", 6)]),
    ("2026-11", "2026-11-01T00:00:00Z", [("BTC", 8), ("USDT", 7)]),
    ("2026-11", "2026-11-01T00:00:00Z", [("USDT", 6), ("BTC", 8)]),
    ("2026-12", "2026-11-01T00:00:00Z", [("BTC", 8), ("USDT", 6)]),
    ("r", "1969-12-31T23:59:59Z", [("X", 0)]),
    ("ronde-été", "2030-01-01T12:34:56Z", [("BTC", 8), ("ETH", 18), ("USDT", 6), ("a.b_c-D", 0)]),
]
out = {"description": "Known-answer vectors for the zk round context digest (docs/formats.md §8.1). Produced by "
       "scripts/vectors/zk_context.py, an independent Python (hashlib) implementation.",
       "vectors": [{"round_id": r, "snapshot_time": t, "assets": [{"symbol": s, "decimals": d} for s, d in a],
                    "digest": digest(r, t, a)} for r, t, a in cases]}
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(OUT)
