// SPDX-License-Identifier: Apache-2.0
// An independent verifier of "por-reserves-signature/1", written from docs/reserves.md §7.1 alone (no por code):
//   node verify-reserves-signature.js <result.json> <result.json.sig> <trusted public key hex> <trusted verifier name>
// Prints {"failure": null} when every check holds, else {"failure": "<code>"} with the docs' failure codes.
// Needs NODE_PATH=tools/node_modules (tweetnacl for Ed25519, tiny-secp256k1 for compact ECDSA).
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const nacl = require('tweetnacl');
const secp = require('tiny-secp256k1');

const [resultPath, sigPath, trustedKeyHex, trustedName] = process.argv.slice(2);
const resultBytes = fs.readFileSync(resultPath);
const sig = JSON.parse(fs.readFileSync(sigPath, 'utf8'));
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();
const out = (failure) => { process.stdout.write(JSON.stringify({ failure })); process.exit(0); };

const text = [
  'por-reserves-signature/1',
  `verifier: ${sig.verifier}`,
  `algorithm: ${sig.algorithm}`,
  `public key: ${sig.public_key}`,
  `custodian: ${sig.custodian}`,
  `round: ${sig.round}`,
  `registry sha256: ${sig.registry_sha256}`,
  `result sha256: ${sig.result_sha256}`,
  `signed at: ${sig.signed_at}`,
].join('\n');
const digest = sha256(Buffer.from(text, 'utf8'));
if (sig.format !== 'por-reserves-signature/1' || sig.digest !== digest.toString('hex')) out('malformed');
if (sig.public_key !== trustedKeyHex.toLowerCase()) out('key_mismatch');
if (sig.verifier !== trustedName) out('auditor_mismatch');
if (sha256(resultBytes).toString('hex') !== sig.result_sha256) out('result_digest_mismatch');
const result = JSON.parse(resultBytes.toString('utf8'));
// por-reserves-result/3 names it registry_sha256; results written before the snake_case rename (/2) registrySha256.
const registrySha256 = result.format === 'por-reserves-result/2' ? result.registrySha256 : result.registry_sha256;
if (result.custodian !== sig.custodian || result.round !== sig.round || registrySha256 !== sig.registry_sha256) out('result_mismatch');
const signature = Buffer.from(sig.signature, 'hex');
const key = Buffer.from(sig.public_key, 'hex');
const valid = sig.algorithm === 'ed25519'
  ? nacl.sign.detached.verify(digest, signature, key)
  : sig.algorithm === 'secp256k1' && secp.verify(digest, key, signature, true);
out(valid ? null : 'signature_invalid');
