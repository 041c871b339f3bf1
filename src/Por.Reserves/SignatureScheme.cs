// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>The one ownership scheme a declaration row names. No scheme is tried as a fallback for another.</summary>
public enum SignatureScheme
{
    /// <summary>Legacy Bitcoin signmessage / BIP-137 ("bip137").</summary>
    Bip137,

    /// <summary>BIP-322 simple or full ("bip322").</summary>
    Bip322,

    /// <summary>m-of-n P2SH/P2WSH multisig with legacy message signatures ("btc-multisig").</summary>
    BitcoinMultisig,

    /// <summary>EIP-191 personal_sign over the message text ("eip191-text").</summary>
    Eip191Text,

    /// <summary>EIP-191 personal_sign over keccak256(message), OKX's form ("eip191-hash32").</summary>
    Eip191Hash32,

    /// <summary>EIP-712 over por's ReserveChallenge struct ("eip712").</summary>
    Eip712,

    /// <summary>EIP-1271 contract wallet, isValidSignature at the snapshot block ("eip1271").</summary>
    Eip1271,

    /// <summary>Safe-style contract wallet: owner EOA signatures checked against on-chain owners and threshold ("safe-owners").</summary>
    SafeOwners,

    /// <summary>TRON legacy v1 header ("tron-v1").</summary>
    TronV1,

    /// <summary>TRON TIP-191 v2 header ("tron-v2").</summary>
    TronV2,

    /// <summary>Ed25519 over the raw message bytes ("sol-raw").</summary>
    SolanaRaw,

    /// <summary>Solana off-chain message v0 ("sol-offchain-v0").</summary>
    SolanaOffchainV0,

    /// <summary>Solana off-chain message v1 ("sol-offchain-v1").</summary>
    SolanaOffchainV1,

    /// <summary>Ed25519 with OKX's framing ("sol-okx").</summary>
    SolanaOkx,

    /// <summary>Imported row whose chain or scheme this verifier cannot check; always fails ("unsupported").</summary>
    Unsupported,
}
