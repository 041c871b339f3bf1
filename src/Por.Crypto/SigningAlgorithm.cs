// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto;

/// <summary>The two signature algorithms of por's signing key files.</summary>
public enum SigningAlgorithm
{
    /// <summary>Ed25519 (RFC 8032): 32-byte seed, 32-byte public key.</summary>
    Ed25519,

    /// <summary>secp256k1 ECDSA: 32-byte secret, 33-byte compressed public key.</summary>
    Secp256k1,
}
