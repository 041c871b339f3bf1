// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>
/// A mint guard's configuration: the same four values a <c>PorGuardedToken</c> is deployed with, plus the token's
/// decimals (which the contract reads from itself).
/// </summary>
/// <param name="MarginMode">How the margin applies.</param>
/// <param name="MarginAmount">Basis points (0…10,000) for the basis-point modes, token base units (&gt; 0) for the absolute modes, 0 for none.</param>
/// <param name="MaxStalenessSeconds">The largest accepted now − updatedAt, in seconds; 0 turns the staleness check off.</param>
/// <param name="TokenDecimals">The token's decimals (0…255).</param>
public sealed record MintPolicy(MarginMode MarginMode, BigInteger MarginAmount, BigInteger MaxStalenessSeconds, int TokenDecimals)
{
    /// <summary>Why this policy is invalid (the reasons the contract's constructor reverts), or null when it is valid.</summary>
    public string? Problem =>
        !Enum.IsDefined(MarginMode) ? $"margin mode {(int)MarginMode} is not defined"
        : TokenDecimals is < 0 or > 255 ? $"token decimals {TokenDecimals} is outside 0..255"
        : MaxStalenessSeconds < 0 || MaxStalenessSeconds > MintRule.MaxUint256 ? "max staleness is outside 0..2^256-1"
        : MarginMode == MarginMode.None && !MarginAmount.IsZero ? "margin mode none takes a margin amount of 0"
        : MarginMode is MarginMode.PositiveBasisPoints or MarginMode.NegativeBasisPoints && (MarginAmount < 0 || MarginAmount > MintRule.BasisPoints)
            ? $"a basis-point margin must be within 0..{MintRule.BasisPoints}, not {MarginAmount}"
        : MarginMode is MarginMode.PositiveAbsolute or MarginMode.NegativeAbsolute && (MarginAmount <= 0 || MarginAmount > MintRule.MaxUint256)
            ? $"an absolute margin must be within 1..2^256-1, not {MarginAmount}"
        : null;
}
