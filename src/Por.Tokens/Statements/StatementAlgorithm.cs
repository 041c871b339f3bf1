// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Statements;

/// <summary>The signature algorithms of reserve statements.</summary>
public enum StatementAlgorithm
{
    /// <summary>Ed25519 (RFC 8032) over the 32-byte statement digest; 32-byte public key, 64-byte signature.</summary>
    Ed25519,

    /// <summary>ECDSA on secp256k1 over the 32-byte digest; 33-byte compressed key, 64-byte compact r‖s with low S.</summary>
    Secp256k1,
}
