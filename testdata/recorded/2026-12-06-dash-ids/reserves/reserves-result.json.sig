{
  "format": "por-reserves-signature/1",
  "verifier": "Demo Audit LLP",
  "algorithm": "ed25519",
  "public_key": "a0235cba7d0a302ace9dd2d2b7a75e817c2cd6b234998f1df66be029193aed46",
  "custodian": "Demo Exchange",
  "round": "demo-2026-12-06",
  "registry_sha256": "b1e41338d053288487563c6e70c223ad1a1158a65285bb9f1230295eef24b217",
  "result_sha256": "d8b76be79ec9d356bf2a73fa3a4513df3739d3b3d8aa0b44c49b57f5743f66cd",
  "signed_at": "2026-12-06T12:53:38Z",
  "digest": "6d38bc9784ac93a7ef446b50c9ada68adeb02e8d7d87ed8dd9b0661f4761e6c0",
  "signature": "40bfbb6520cc8d97df6e9622a6983de13eee1c8f43ab90ad3d0a77bdd7a2209b1b12edcc9e41e384fd74ec7482003639ca87876fed0f7864531306a4a32d3605"
}
