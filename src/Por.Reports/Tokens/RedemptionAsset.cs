// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Reports.Tokens;

/// <summary>
/// One line of redemption assets (AICPA 2025): from a signed custodian or accountant statement's line, or an on-chain
/// custody source. Amounts are in the token's canonical base units (the statement's value in the token's unit).
/// </summary>
/// <param name="SourceId">The reserve source it belongs to (a <c>ReserveEvidence.SourceId</c> of the evaluation).</param>
/// <param name="AssetType">The type of asset: cash, money-market fund, T-bills, repo, BTC on chain …</param>
/// <param name="Custodian">The holder's identity (bank, custodian, custody address owner).</param>
/// <param name="Jurisdiction">The holder's jurisdiction (ISO country code or "on-chain").</param>
/// <param name="AccountNature">The nature of the custody account (segregated, omnibus, custody address …).</param>
/// <param name="Pledged">Whether the asset is pledged as collateral.</param>
/// <param name="Restricted">Whether the asset is restricted (not available for redemptions).</param>
/// <param name="Amount">The value, canonical base units of the token.</param>
/// <param name="AsOf">The source's own as-of time for this line.</param>
public sealed record RedemptionAsset(
    string SourceId,
    string AssetType,
    string Custodian,
    string Jurisdiction,
    string AccountNature,
    bool Pledged,
    bool Restricted,
    BigInteger Amount,
    DateTimeOffset AsOf)
{
    /// <summary>Whether the line counts as available for redemptions (neither pledged nor restricted).</summary>
    public bool Available => !Pledged && !Restricted;
}
