// SPDX-License-Identifier: Apache-2.0
// The per-round challenge text, written independently of the C# ChallengeMessage from docs/reserves.md.
'use strict';
const crypto = require('crypto');

function challenge(custodian, round, chain, height, blockHash) {
  return [
    'por reserves ownership challenge v1',
    'custodian: ' + custodian,
    'round: ' + round,
    'chain: ' + chain,
    'snapshot height: ' + height,
    'snapshot block hash: ' + blockHash.toLowerCase(),
  ].join('\n');
}

// Deterministic test keys: SHA-256("por-vector-key-<i>").
function key(i) {
  return crypto.createHash('sha256').update('por-vector-key-' + i).digest();
}

const CUSTODIAN = 'Vector Custody';
const ROUND = '2026-11';
const BTC = { chain: 'bitcoin', height: 800000, hash: '00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054' };
const ETH = { chain: 'ethereum', height: 19000000, hash: '0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7' };
const TRON = { chain: 'tron', height: 60000000, hash: '0000000003938700a2c3a4f1f2b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7' };
const SOL = { chain: 'solana', height: 250000000, hash: '4f9c5b2d8e1a7f3b6c0d9e2a5b8c1f4e7d0a3b6c9e2f5a8b1c4d7e0f3a6b9c2d' };

module.exports = { challenge, key, CUSTODIAN, ROUND, BTC, ETH, TRON, SOL };
