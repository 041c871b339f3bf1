#!/usr/bin/env python3
# CI only: serves a `por demo` chain file (por-demo-chain/2) over EVM JSON-RPC, as the demo's own in-process node
# does (src/Por.Cli/Demo/DemoEvmServer.cs), so that `por reserves verify` can be run as a separate command on the
# demo's files. Usage: demo-node.py CHAIN.json NODES_IN.json NODES_OUT.json — writes NODES_OUT.json (NODES_IN.json
# with the demo-evm url pointing here), then serves until killed.
import json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

chain = json.load(open(sys.argv[1]))
blocks = {b["height"]: b for b in chain["blocks"]}
by_hash = {b["hash"].lower(): b for b in chain["blocks"]}
decimals = {k.lower(): v for k, v in chain["token_decimals"].items()}

def at(param):
    return by_hash[param["blockHash"].lower()]

def call(params):
    to, data, block = params[0]["to"].lower(), params[0]["data"], at(params[1])
    if data == "0x313ce567":
        return "0x%064x" % decimals[to] if to in decimals else "0x"
    if not data.startswith("0x70a08231") or len(data) != 74:
        raise ValueError("execution reverted: only balanceOf(address) and decimals() are served")
    holders = {k.lower(): v for k, v in block["tokens"].get(to, {}).items()}
    return "0x%064x" % int(holders.get("0x" + data[-40:].lower(), "0"))

def handle(req):
    m, p = req["method"], req.get("params", [])
    if m == "eth_chainId": return hex(chain["chain_id"])
    if m == "eth_blockNumber": return hex(max(blocks))
    if m == "eth_getBlockByNumber":
        b = blocks.get(int(p[0], 16))
        return None if b is None else {"number": hex(b["height"]), "hash": b["hash"]}
    if m == "eth_getBalance":
        native = {k.lower(): v for k, v in at(p[1])["native"].items()}
        return hex(int(native.get(p[0].lower(), "0")))
    if m == "eth_call": return call(p)
    if m == "eth_getCode": return "0x"
    raise ValueError("method %s is not served by the demo node" % m)

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        try:
            out = {"jsonrpc": "2.0", "id": req.get("id"), "result": handle(req)}
        except (KeyError, ValueError, IndexError, TypeError) as e:
            out = {"jsonrpc": "2.0", "id": req.get("id"), "error": {"code": -32000, "message": str(e)}}
        body = json.dumps(out).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
nodes = json.load(open(sys.argv[2]))
for c in nodes["chains"].values():
    c["url"] = "http://127.0.0.1:%d/" % server.server_address[1]
with open(sys.argv[3], "w") as f: json.dump(nodes, f)
server.serve_forever()
