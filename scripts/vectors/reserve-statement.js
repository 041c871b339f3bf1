// SPDX-License-Identifier: Apache-2.0
// An independent implementation of por-reserve-statement/1 signing (docs/token-por.md "Reserve statements"),
// written from the docs with tweetnacl (Ed25519) and ethers (secp256k1), pinned in tools/package.json.
//   node reserve-statement.js sign STATEMENT.json ed25519|secp256k1 SECRET_HEX   -> signed statement JSON on stdout
//   node reserve-statement.js verify STATEMENT.json PUBLIC_KEY_HEX               -> "valid" or "invalid"
//   node reserve-statement.js bytes STATEMENT.json                               -> signing bytes as hex
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const nacl = require('tweetnacl');
const { SigningKey, Signature } = require('ethers');

const DOMAIN = Buffer.from('por-reserve-statement/1 signing\0', 'ascii');
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const text = (s) => (s === null || s === undefined) ? Buffer.from([0]) : Buffer.concat([Buffer.from([1]), u32(Buffer.byteLength(s, 'utf8')), Buffer.from(s, 'utf8')]);
const bool = (v) => Buffer.from([2, v ? 1 : 0]);
const int = (n) => Buffer.concat([Buffer.from([3]), u32(n)]);

function signingBytes(s) {
  const parts = [DOMAIN, text(s.format), text(s.issuer), text(s.token), text(s.signer), text(s.signer_role),
    text(s.as_of ?? null), text(s.valid_until ?? null), text(s.currency), int(s.decimals),
    Buffer.from([4]), u32(s.assets.length)];
  for (const a of s.assets) {
    parts.push(text(a.type), text(a.description), text(a.holder), text(a.custodian), text(a.jurisdiction),
      text(a.account_nature), bool(a.pledged), bool(a.restricted), text(a.amount));
  }
  parts.push(text(s.total_available), bool(s.ripcord), text(s.ripcord_details ?? null), text(s.algorithm), text(s.public_key));
  return Buffer.concat(parts);
}

const digest = (s) => crypto.createHash('sha256').update(signingBytes(s)).digest();
const N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');

const [mode, file, a, b] = process.argv.slice(2);
const statement = JSON.parse(fs.readFileSync(file, 'utf8'));
if (mode === 'bytes') {
  process.stdout.write(signingBytes(statement).toString('hex'));
} else if (mode === 'sign') {
  const secret = Buffer.from(b, 'hex');
  statement.algorithm = a;
  if (a === 'ed25519') {
    const pair = nacl.sign.keyPair.fromSeed(secret);
    statement.public_key = Buffer.from(pair.publicKey).toString('hex');
    statement.signature = Buffer.from(nacl.sign.detached(digest(statement), pair.secretKey)).toString('hex');
  } else {
    const key = new SigningKey('0x' + b);
    statement.public_key = key.compressedPublicKey.slice(2);
    const sig = key.sign(digest(statement));
    statement.signature = sig.r.slice(2) + sig.s.slice(2);
  }
  process.stdout.write(JSON.stringify(statement, null, 2) + '\n');
} else if (mode === 'verify') {
  const pub = a.toLowerCase();
  const sig = Buffer.from(statement.signature, 'hex');
  let ok = statement.public_key === pub && sig.length === 64;
  if (ok && statement.algorithm === 'ed25519') {
    ok = nacl.sign.detached.verify(digest(statement), sig, Buffer.from(pub, 'hex'));
  } else if (ok) {
    const r = '0x' + sig.subarray(0, 32).toString('hex');
    const s = '0x' + sig.subarray(32).toString('hex');
    ok = BigInt(s) <= N / 2n && [27, 28].some((v) => {
      try {
        return SigningKey.computePublicKey(SigningKey.recoverPublicKey(digest(statement), Signature.from({ r, s, v })), true).slice(2) === pub;
      } catch { return false; }
    });
  }
  process.stdout.write(ok ? 'valid' : 'invalid');
} else {
  console.error('usage: reserve-statement.js sign|verify|bytes ...');
  process.exit(2);
}
