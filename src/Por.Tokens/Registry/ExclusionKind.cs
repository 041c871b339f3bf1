// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>Why a balance is not circulating supply (AICPA 2025: not redeemable). Snake case in the registry.</summary>
public enum ExclusionKind
{
    /// <summary>The issuer's treasury: minted, not issued.</summary>
    Treasury,

    /// <summary>A pre-mint wallet holding inventory for future issuance.</summary>
    PreMint,

    /// <summary>A permanently frozen balance.</summary>
    Frozen,

    /// <summary>Test tokens, never redeemable.</summary>
    Test,

    /// <summary>Time-locked, temporarily not redeemable.</summary>
    TimeLocked,
}
