{
  "format": "por-reserves-signature/1",
  "verifier": "Demo Audit LLP",
  "algorithm": "ed25519",
  "public_key": "c9c7661bdbba75e00d479473fb889708e82fe1c83ee748e953cf6a02c659ef97",
  "custodian": "Demo Exchange",
  "round": "demo-2026-12-06",
  "registry_sha256": "cbaad089cc0d4cac1c57abf7553d657bfafbbf351cb8589d87d2cb7d88118cf8",
  "result_sha256": "3082e4ed0f32720713355c81d6380603b951d3e74175cc452be587131670f4e1",
  "signed_at": "2026-12-06T09:24:45Z",
  "digest": "c9682ec0a6c89902692701b72626dc9318fa32a424780b222749f1b2fd801f20",
  "signature": "126f8e5b2cd765dcd70f6f2073cd2b1cc7417632ba044374fd43d0c257f55a2eacdccb1c2da882dc3da2abc40ddd6d174d738fcf6a96f5a17ed11e10591ccf01"
}
