// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>The snake_case codes of the token model's enums, as por-token-report/1 writes them (a fixed table, so a
/// renamed member cannot change a published code silently).</summary>
public static class TokenCodes
{
    /// <summary>The code of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>covered, below_margin, undercollateralized or evidence_failed.</returns>
    public static string Of(TokenStatus status) => status switch
    {
        TokenStatus.Covered => "covered",
        TokenStatus.BelowMargin => "below_margin",
        TokenStatus.Undercollateralized => "undercollateralized",
        TokenStatus.EvidenceFailed => "evidence_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The code of a deployment role.</summary>
    /// <param name="role">The role.</param>
    /// <returns>canonical, lock_and_mint, burn_and_mint or deprecated_bridge.</returns>
    public static string Of(DeploymentRole role) => role switch
    {
        DeploymentRole.Canonical => "canonical",
        DeploymentRole.LockAndMint => "lock_and_mint",
        DeploymentRole.BurnAndMint => "burn_and_mint",
        DeploymentRole.DeprecatedBridge => "deprecated_bridge",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The code of an evidence class.</summary>
    /// <param name="evidenceClass">The class.</param>
    /// <returns>on_chain_proven_ownership, on_chain_declared, signed_statement or reserve_feed.</returns>
    public static string Of(EvidenceClass evidenceClass) => evidenceClass switch
    {
        EvidenceClass.OnChainProvenOwnership => "on_chain_proven_ownership",
        EvidenceClass.OnChainDeclared => "on_chain_declared",
        EvidenceClass.SignedStatement => "signed_statement",
        EvidenceClass.ReserveFeed => "reserve_feed",
        _ => throw new ArgumentOutOfRangeException(nameof(evidenceClass), evidenceClass, null),
    };

    /// <summary>The code of an evidence failure (<c>none</c> for usable evidence).</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The code.</returns>
    public static string Of(EvidenceFailure failure) => EvidenceFailureCodes.Of(failure);

    /// <summary>The code of a non-redeemable kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>temporarily or permanently.</returns>
    public static string Of(NonRedeemableKind kind) => kind switch
    {
        NonRedeemableKind.Temporarily => "temporarily",
        NonRedeemableKind.Permanently => "permanently",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A people's name for an evidence class.</summary>
    /// <param name="evidenceClass">The class.</param>
    /// <returns>The name.</returns>
    public static string Title(EvidenceClass evidenceClass) => evidenceClass switch
    {
        EvidenceClass.OnChainProvenOwnership => "On chain, ownership proven",
        EvidenceClass.OnChainDeclared => "On chain, ownership declared",
        EvidenceClass.SignedStatement => "Signed statement",
        EvidenceClass.ReserveFeed => "Reserve feed",
        _ => throw new ArgumentOutOfRangeException(nameof(evidenceClass), evidenceClass, null),
    };
}
