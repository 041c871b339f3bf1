// SPDX-License-Identifier: Apache-2.0
// An OKX-format (11-column) BTC row for a single-key P2WPKH wallet whose compressed public key ends in 0xae, the byte
// of OP_CHECKMULTISIG (about 1 key in 256), signed over OKX's static message by bitcoinjs-message (BIP-137 segwit
// header), pinned in tools/. The importer once read such a row as multisig; this is its regression vector.
'use strict';
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');
const { ECPairFactory } = require('ecpair');
const message = require('bitcoinjs-message');
const { key } = require('./challenge');

bitcoin.initEccLib(ecc);
const ECPair = ECPairFactory(ecc);
const network = bitcoin.networks.bitcoin;
const text = 'I am an OKX address';

let i = 0;
let pair;
for (; ; i++) {
  pair = ECPair.fromPrivateKey(Buffer.from(key(i)), { compressed: true });
  if (Buffer.from(pair.publicKey)[32] === 0xae) break;
}

const pub = Buffer.from(pair.publicKey);
const address = bitcoin.payments.p2wpkh({ pubkey: pub, network }).address;
const signature = message.sign(text, Buffer.from(pair.privateKey), true, { segwitType: 'p2wpkh' }).toString('base64');
process.stdout.write('coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\n');
process.stdout.write(`BTC,BTC,800000,${address},1.5,${text},${signature},,${pub.toString('hex')},,\n`);
process.stderr.write(`key index ${i} (SHA-256("por-vector-key-${i}"))\n`);
