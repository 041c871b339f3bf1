// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Model;

/// <summary>How one deployment of a token counts toward its circulating supply (docs/token-por.md).</summary>
public enum DeploymentRole
{
    /// <summary>The home deployment: its supply counts in full (escrowed units included).</summary>
    Canonical,

    /// <summary>
    /// A lock-and-mint representation backed by an escrow of the canonical token: counted once, through the canonical
    /// supply; its supply must not exceed the escrow balance (fail closed otherwise).
    /// </summary>
    LockAndMint,

    /// <summary>A burn-and-mint deployment (CCTP/OFT style): its supply is real supply and counts in full.</summary>
    BurnAndMint,

    /// <summary>A deprecated bridge whose supply still circulates: counts in full.</summary>
    DeprecatedBridge,
}
