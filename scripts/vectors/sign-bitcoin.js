// SPDX-License-Identifier: Apache-2.0
// Bitcoin vectors signed by bitcoinjs-message (BIP-137 headers) and bip322-js (BIP-322 simple), pinned in tools/.
'use strict';
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');
const { ECPairFactory } = require('ecpair');
const message = require('bitcoinjs-message');
const { Signer } = require('bip322-js');
const { challenge, key, CUSTODIAN, ROUND, BTC } = require('./challenge');

bitcoin.initEccLib(ecc);
const ECPair = ECPairFactory(ecc);
const network = bitcoin.networks.bitcoin;
const text = challenge(CUSTODIAN, ROUND, BTC.chain, BTC.height, BTC.hash);
const out = { generator: 'bitcoinjs-message 2.2.0, bip322-js 3.0.0, bitcoinjs-lib 7.0.5', message: text, bip137: [], bip322: [] };

for (let i = 0; i < 4; i++) {
  const pair = ECPair.fromPrivateKey(Buffer.from(key(i)), { compressed: true });
  const priv = Buffer.from(pair.privateKey);
  const pub = Buffer.from(pair.publicKey);
  const p2pkh = bitcoin.payments.p2pkh({ pubkey: pub, network }).address;
  const p2wpkh = bitcoin.payments.p2wpkh({ pubkey: pub, network }).address;
  const p2shP2wpkh = bitcoin.payments.p2sh({ redeem: bitcoin.payments.p2wpkh({ pubkey: pub, network }), network }).address;
  out.bip137.push({ type: 'p2pkh', address: p2pkh, signature: message.sign(text, priv, true).toString('base64') });
  out.bip137.push({ type: 'p2wpkh', address: p2wpkh, signature: message.sign(text, priv, true, { segwitType: 'p2wpkh' }).toString('base64') });
  out.bip137.push({ type: 'p2sh-p2wpkh', address: p2shP2wpkh, signature: message.sign(text, priv, true, { segwitType: 'p2sh(p2wpkh)' }).toString('base64') });
  const uncompressed = ECPair.fromPrivateKey(Buffer.from(key(i)), { compressed: false });
  const p2pkhU = bitcoin.payments.p2pkh({ pubkey: Buffer.from(uncompressed.publicKey), network }).address;
  out.bip137.push({ type: 'p2pkh-uncompressed', address: p2pkhU, signature: message.sign(text, priv, false).toString('base64') });

  const wif = pair.toWIF();
  const p2tr = bitcoin.payments.p2tr({ internalPubkey: pub.subarray(1, 33), network }).address;
  out.bip322.push({ type: 'p2wpkh', address: p2wpkh, signature: Signer.sign(wif, p2wpkh, text) });
  out.bip322.push({ type: 'p2tr', address: p2tr, signature: Signer.sign(wif, p2tr, text) });
}

process.stdout.write(JSON.stringify(out, null, 1) + '\n');
