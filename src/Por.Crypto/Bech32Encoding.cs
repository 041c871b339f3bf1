// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto;

/// <summary>The checksum variant of a bech32 string (BIP-173 or BIP-350).</summary>
public enum Bech32Encoding
{
    /// <summary>BIP-173 bech32, constant 1; used for segwit version 0.</summary>
    Bech32,

    /// <summary>BIP-350 bech32m, constant 0x2bc830a3; used for segwit version 1 and above.</summary>
    Bech32m,
}
