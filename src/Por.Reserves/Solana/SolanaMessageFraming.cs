// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Solana;

/// <summary>How the message bytes are framed before Ed25519 signing. The row names one; none is guessed.</summary>
public enum SolanaMessageFraming
{
    /// <summary>The UTF-8 message bytes as is (wallet <c>signMessage</c>).</summary>
    Raw,

    /// <summary>Off-chain message v0, full specification (application domain, format, signers, length).</summary>
    OffchainV0,

    /// <summary>Off-chain message v1 (signers, then the message).</summary>
    OffchainV1,

    /// <summary>OKX: 0x14 "OKX Signed Message:\n" ‖ CompactSize(len) ‖ message.</summary>
    Okx,
}
