// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.MintGuard;

/// <summary>
/// How the mint guard applies its margin to the reserves (Chainlink Secure Mint's <c>ReserveMarginMode</c>; the numeric
/// values are the contract's <c>PorSecureMint.MarginMode</c> values, docs/token-por.md "Mint guard").
/// </summary>
public enum MarginMode
{
    /// <summary>No margin: mintable = reserves. The margin amount must be 0.</summary>
    None = 0,

    /// <summary>Over-collateralisation in basis points: mintable = ⌊reserves × (10,000 − m) / 10,000⌋, 0 ≤ m ≤ 10,000.</summary>
    PositiveBasisPoints = 1,

    /// <summary>Over-collateralisation in token base units: mintable = max(reserves − m, 0), m &gt; 0.</summary>
    PositiveAbsolute = 2,

    /// <summary>Tolerated shortfall in basis points: mintable = ⌊reserves × (10,000 + m) / 10,000⌋, 0 ≤ m ≤ 10,000.</summary>
    NegativeBasisPoints = 3,

    /// <summary>Tolerated shortfall in token base units: mintable = reserves + m, m &gt; 0.</summary>
    NegativeAbsolute = 4,
}
