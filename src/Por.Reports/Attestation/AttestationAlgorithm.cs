// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Attestation;

/// <summary>Signature algorithms an auditor may use.</summary>
public enum AttestationAlgorithm
{
    /// <summary>RFC 8032 Ed25519 (libsodium) over the 32-byte digest.</summary>
    Ed25519,

    /// <summary>ECDSA on secp256k1 (libsecp256k1), 64-byte compact low-S signature over the 32-byte digest.</summary>
    Secp256k1,
}
