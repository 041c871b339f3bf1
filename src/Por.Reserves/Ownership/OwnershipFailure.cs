// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Ownership;

/// <summary>Why an ownership check failed (the first failing check), across every scheme the verifier supports.</summary>
public enum OwnershipFailure
{
    /// <summary>The signature(s) prove control of the address for this message.</summary>
    None = 0,

    /// <summary>The declaration is for another round than the one being verified.</summary>
    RoundMismatch,

    /// <summary>The signed message is not this round's challenge (or the proof binds another message or address).</summary>
    MessageMismatch,

    /// <summary>The message cannot be framed for the scheme (e.g. too long for a Solana off-chain message).</summary>
    MessageMalformed,

    /// <summary>The chain, or the chain and scheme pair, is not one this verifier checks.</summary>
    UnsupportedChain,

    /// <summary>The address does not decode for its chain.</summary>
    AddressMalformed,

    /// <summary>A field the scheme needs is missing from the row (script hex, EIP-712 chain id).</summary>
    DeclarationIncomplete,

    /// <summary>The row carries the wrong number of signatures, or of owners for its signatures.</summary>
    SignatureCountMismatch,

    /// <summary>A signature does not decode (encoding, length, header byte) or yields no public key.</summary>
    SignatureMalformed,

    /// <summary>A BIP-322 proof is not well formed (witness stack, scriptSig, outputs).</summary>
    ProofMalformed,

    /// <summary>The BIP-322 encoding does not fit the address type (simple encoding on a non-segwit address).</summary>
    EncodingMismatch,

    /// <summary>The signature header names another address type or key form than the address has.</summary>
    HeaderMismatch,

    /// <summary>The signature is well formed but does not verify for the key, message and address.</summary>
    SignatureInvalid,

    /// <summary>The recovered or supplied key does not derive the claimed address.</summary>
    KeyAddressMismatch,

    /// <summary>The supplied script does not hash to the claimed address.</summary>
    ScriptAddressMismatch,

    /// <summary>A signer is not one of the script's keys or the wallet's owners.</summary>
    SignerNotAuthorized,

    /// <summary>The same key or owner signed more than once.</summary>
    DuplicateSigner,

    /// <summary>Fewer distinct signers than the threshold.</summary>
    ThresholdNotMet,

    /// <summary>The wallet's on-chain threshold is not within 1..owners.</summary>
    ThresholdInvalid,

    /// <summary>An EIP-1271 wallet did not return the magic value for the signature.</summary>
    ContractRejected,

    /// <summary>A contract-wallet row needs on-chain reads but no node is configured for its chain.</summary>
    NodeNotConfigured,

    /// <summary>The node failed while reading the contract wallet.</summary>
    NodeUnavailable,

    /// <summary>The address type cannot be proven by this scheme (P2WSH/P2TR with a legacy message signature).</summary>
    UnsupportedAddressType,

    /// <summary>The proof kind is not interpreted (BIP-322 proof of funds, unknown transaction version).</summary>
    UnsupportedProof,

    /// <summary>The script is not interpreted (non-multisig scripts, time locks, Taproot script path).</summary>
    UnsupportedScript,

    /// <summary>Ownership was not checked because the row already fails against the round's registry (chain, asset,
    /// token, decimals or snapshot).</summary>
    NotChecked,

    /// <summary>An EIP-1271 wallet accepted the declared signature but also returned the magic value for a fresh random
    /// hash (with the declared, a random or an empty signature): it accepts anything, so its answer proves no control.</summary>
    ContractAcceptsAnySignature,
}
