#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Electrum (Debian package electrum 4.3.4) message signatures: header 31-34 for every address type.
import hashlib, json, sys
from electrum import ecc, bitcoin

def challenge(custodian, round_id, chain, height, block_hash):
    return "\n".join([
        "por reserves ownership challenge v1",
        "custodian: " + custodian,
        "round: " + round_id,
        "chain: " + chain,
        "snapshot height: " + str(height),
        "snapshot block hash: " + block_hash.lower(),
    ])

text = challenge("Vector Custody", "2026-11", "bitcoin", 800000, "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054")
out = {"generator": "electrum 4.3.4 (Debian)", "message": text, "bip137": []}
for i in range(40, 43):
    secret = hashlib.sha256(("por-vector-key-%d" % i).encode()).digest()
    key = ecc.ECPrivkey(secret)
    pub = key.get_public_key_hex(compressed=True)
    signature = key.sign_message(text.encode("utf-8"), True)
    import base64
    sig = base64.b64encode(signature).decode()
    for kind in ("p2pkh", "p2wpkh", "p2wpkh-p2sh"):
        address = bitcoin.pubkey_to_address(kind, pub)
        assert ecc.verify_message_with_address(address, signature, text.encode("utf-8"))
        out["bip137"].append({"type": kind, "address": address, "signature": sig})
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
