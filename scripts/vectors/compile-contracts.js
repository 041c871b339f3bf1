// SPDX-License-Identifier: Apache-2.0
// Compiles testdata/contracts/*.sol with solc-js (pinned in tools/package.json) into <Name>.json {abi, bytecode}.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const dir = path.resolve(__dirname, '../../testdata/contracts');
const sources = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: fs.readFileSync(path.join(dir, file), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((e) => e.formattedMessage).join('\n'));
  process.exit(1);
}
for (const file of Object.keys(output.contracts)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    const out = { compiler: 'solc-js ' + solc.version(), source: file, abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object };
    fs.writeFileSync(path.join(dir, name + '.json'), JSON.stringify(out, null, 1) + '\n');
    console.log('compiled', name);
  }
}
