// SPDX-License-Identifier: Apache-2.0
// Compiles contracts/*.sol (the mint guard: docs/token-por.md "Mint guard") with solc-js pinned in tools/package.json
// and pinned settings into contracts/<Name>.json {compiler, settings, source, sourceSha256, abi, bytecode,
// deployedBytecode}, one file per deployable contract (interfaces and abstract contracts get none).
//   node scripts/contracts/compile.js                 write the JSON files
//   node scripts/contracts/compile.js --check         write nothing; exit 1 naming every JSON that differs from a
//                                                     fresh compilation (or is missing, or has no source)
//   --dir DIR                                         compile DIR instead of contracts/ (tests use a copy)
// Run with NODE_PATH=tools/node_modules (scripts/test and the tests do).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const PINNED_COMPILER = '0.8.37+commit';
const SETTINGS = {
  evmVersion: 'paris',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'none' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

const args = process.argv.slice(2);
const check = args.includes('--check');
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? path.resolve(args[dirIndex + 1]) : path.resolve(__dirname, '../../contracts');
if (!solc.version().startsWith(PINNED_COMPILER)) {
  console.error(`solc ${solc.version()} is not the pinned ${PINNED_COMPILER}: run npm ci --prefix tools`);
  process.exit(1);
}

const sources = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(dir, file), 'utf8') };
}
const input = { language: 'Solidity', sources, settings: SETTINGS };
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = (output.errors || []).filter((e) => e.severity === 'error' || e.severity === 'warning');
if (problems.length > 0) {
  console.error(problems.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}

const expected = new Map();
for (const file of Object.keys(output.contracts).sort()) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    if (contract.evm.bytecode.object === '') continue; // interface or abstract contract
    const { outputSelection, ...pinned } = SETTINGS;
    const out = {
      compiler: 'solc-js ' + solc.version(),
      settings: pinned,
      source: file,
      sourceSha256: crypto.createHash('sha256').update(sources[file].content, 'utf8').digest('hex'),
      abi: contract.abi,
      bytecode: '0x' + contract.evm.bytecode.object,
      deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
    };
    expected.set(name + '.json', JSON.stringify(out, null, 1) + '\n');
  }
}

if (!check) {
  for (const [file, text] of expected) {
    fs.writeFileSync(path.join(dir, file), text);
    console.log('compiled', file);
  }
  process.exit(0);
}

let differs = 0;
for (const [file, text] of expected) {
  const at = path.join(dir, file);
  const committed = fs.existsSync(at) ? fs.readFileSync(at, 'utf8') : null;
  if (committed !== text) {
    console.error(`${file}: ${committed === null ? 'missing' : 'differs from a fresh compilation of the sources'}`);
    differs++;
  }
}
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  if (!expected.has(file)) {
    console.error(`${file}: no source compiles to it`);
    differs++;
  }
}
if (differs > 0) process.exit(1);
console.log(`${expected.size} contracts match their sources`);
