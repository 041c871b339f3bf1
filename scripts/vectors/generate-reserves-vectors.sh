#!/usr/bin/env bash
# Regenerates the independent cross-check vectors under testdata/vectors/generated/ with pinned peers:
# npm packages from tools/package-lock.json (npm ci --prefix tools) and Debian's electrum (apt-get install electrum).
# Also recompiles testdata/contracts/*.sol with solc-js. Outputs are committed; tests verify them with our code.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH="$PWD/tools/node_modules"
[ -d tools/node_modules ] || npm ci --prefix tools --no-audit --no-fund --ignore-scripts
out=testdata/vectors/generated
mkdir -p "$out"
node scripts/vectors/compile-contracts.js
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
node scripts/vectors/sign-bitcoin.js >"$tmp/bitcoin.json"
node scripts/vectors/sign-evm-tron-solana.js >"$tmp/evm.json"
node scripts/vectors/sign-okx-single-key.js >"$tmp/okx-single-key-ae.csv"
mv "$tmp/bitcoin.json" "$out/bitcoinjs-bip322js.json"
mv "$tmp/evm.json" "$out/ethers-tronweb-tweetnacl.json"
mv "$tmp/okx-single-key-ae.csv" "$out/okx-single-key-ae.csv"
if /usr/bin/python3 -c 'import electrum' 2>/dev/null; then
  /usr/bin/python3 scripts/vectors/sign-electrum.py >"$tmp/electrum.json"
  mv "$tmp/electrum.json" "$out/electrum.json"
else
  echo "electrum (Debian package) not installed: keeping the committed $out/electrum.json" >&2
fi
echo "vectors written to $out"
