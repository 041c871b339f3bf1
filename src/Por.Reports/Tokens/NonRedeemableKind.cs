// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Tokens;

/// <summary>The AICPA 2025 split of minted tokens that are not redeemable at the measurement point.</summary>
public enum NonRedeemableKind
{
    /// <summary>Temporarily not redeemable: time-locked, restricted, issuer treasury or pre-mint inventory.</summary>
    Temporarily,

    /// <summary>Permanently not redeemable: test tokens, permanently frozen balances.</summary>
    Permanently,
}
