// SPDX-License-Identifier: Apache-2.0
// EVM vectors signed by ethers (EIP-191 text, OKX hash32 form, EIP-712 challenge), TRON by tronweb (v2),
// Solana by tweetnacl over @solana/offchain-messages envelopes; all pinned in tools/.
'use strict';
const { challenge, key, CUSTODIAN, ROUND, ETH, TRON, SOL } = require('./challenge');

async function main() {
  const ethers = require('ethers');
  const { TronWeb, Trx } = await import(require('url').pathToFileURL(require.resolve('tronweb')).href);
  const nacl = require('tweetnacl');
  const offchain = require('@solana/offchain-messages');
  const { getBase58Decoder } = require('@solana/codecs-strings');

  const out = { generator: 'ethers 6.17.0, tronweb 6.5.1, tweetnacl 1.0.3, @solana/offchain-messages 8.4.0', evm: [], tron: [], solana: [] };
  const ethText = challenge(CUSTODIAN, ROUND, ETH.chain, ETH.height, ETH.hash);
  const typedDomain = { name: 'por reserves', version: '1', chainId: 1 };
  const typedTypes = { ReserveChallenge: [{ name: 'challenge', type: 'string' }] };
  for (let i = 0; i < 4; i++) {
    const wallet = new ethers.Wallet('0x' + key(10 + i).toString('hex'));
    out.evm.push({ scheme: 'eip191-text', address: wallet.address, message: ethText, signature: await wallet.signMessage(ethText) });
    out.evm.push({ scheme: 'eip191-hash32', address: wallet.address, message: ethText, signature: await wallet.signMessage(ethers.getBytes(ethers.id(ethText))) });
    out.evm.push({
      scheme: 'eip712', address: wallet.address, message: ethText, chainId: 1,
      digest: ethers.TypedDataEncoder.hash(typedDomain, typedTypes, { challenge: ethText }),
      signature: await wallet.signTypedData(typedDomain, typedTypes, { challenge: ethText }),
    });
  }

  const tronText = challenge(CUSTODIAN, ROUND, TRON.chain, TRON.height, TRON.hash);
  for (let i = 0; i < 3; i++) {
    const pk = key(20 + i).toString('hex');
    out.tron.push({ scheme: 'tron-v2', address: TronWeb.address.fromPrivateKey(pk), message: tronText, signature: Trx.signMessageV2(tronText, pk) });
  }

  const solText = challenge(CUSTODIAN, ROUND, SOL.chain, SOL.height, SOL.hash);
  const base58 = getBase58Decoder();
  for (let i = 0; i < 3; i++) {
    const pair = nacl.sign.keyPair.fromSeed(new Uint8Array(key(30 + i)));
    const address = base58.decode(pair.publicKey);
    const raw = new TextEncoder().encode(solText);
    out.solana.push({ scheme: 'sol-raw', address, message: solText, signature: base58.decode(nacl.sign.detached(raw, pair.secretKey)) });
    const v0 = offchain.compileOffchainMessageV0Envelope({
      version: 0, applicationDomain: '11111111111111111111111111111111', content: { format: 1, text: solText }, requiredSignatories: [{ address }],
    });
    out.solana.push({ scheme: 'sol-offchain-v0', address, message: solText, signedBytes: Buffer.from(v0.content).toString('hex'), signature: base58.decode(nacl.sign.detached(v0.content, pair.secretKey)) });
    const v1 = offchain.compileOffchainMessageV1Envelope({ version: 1, content: solText, requiredSignatories: [{ address }] });
    out.solana.push({ scheme: 'sol-offchain-v1', address, message: solText, signedBytes: Buffer.from(v1.content).toString('hex'), signature: base58.decode(nacl.sign.detached(v1.content, pair.secretKey)) });
  }

  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
