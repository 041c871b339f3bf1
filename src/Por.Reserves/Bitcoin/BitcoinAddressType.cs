// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Bitcoin;

/// <summary>The address (output script) types this verifier understands; anything else fails closed.</summary>
public enum BitcoinAddressType
{
    /// <summary>Pay to public-key hash (base58, version PubKeyHashVersion).</summary>
    P2pkh,

    /// <summary>Pay to script hash (base58, version ScriptHashVersion): P2SH-P2WPKH, P2SH multisig or P2SH-P2WSH.</summary>
    P2sh,

    /// <summary>Segwit v0, 20-byte program.</summary>
    P2wpkh,

    /// <summary>Segwit v0, 32-byte program.</summary>
    P2wsh,

    /// <summary>Segwit v1, 32-byte program (Taproot).</summary>
    P2tr,
}
