// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Statements;

/// <summary>
/// One redemption asset of a reserve statement, with the fields of the AICPA 2025 Criteria for Stablecoin Reporting
/// (asset type, holder and custodian identity, jurisdiction, pledged or restricted, custody account nature).
/// </summary>
/// <param name="Type">cash, money_market_fund, treasury_bill, treasury_note, repo, reverse_repo or other.</param>
/// <param name="Description">What it is (e.g. the fund or the account), for people.</param>
/// <param name="Holder">The legal holder (owner) of the asset.</param>
/// <param name="Custodian">Who holds it in custody.</param>
/// <param name="Jurisdiction">ISO 3166 country code, optionally with a subdivision (US, US-NY).</param>
/// <param name="AccountNature">segregated, omnibus, trust or other.</param>
/// <param name="Pledged">Whether it is pledged as collateral (then not available for redemption).</param>
/// <param name="Restricted">Whether it is otherwise restricted (then not available for redemption).</param>
/// <param name="Amount">The amount as written: exactly the statement's decimals after the point.</param>
/// <param name="BaseUnits">The amount × 10^decimals.</param>
public sealed record StatementAsset(
    string Type,
    string Description,
    string Holder,
    string Custodian,
    string Jurisdiction,
    string AccountNature,
    bool Pledged,
    bool Restricted,
    string Amount,
    BigInteger BaseUnits)
{
    /// <summary>The asset types a statement may name.</summary>
    public static IReadOnlyList<string> Types { get; } = ["cash", "money_market_fund", "treasury_bill", "treasury_note", "repo", "reverse_repo", "other"];

    /// <summary>The custody account natures a statement may name.</summary>
    public static IReadOnlyList<string> AccountNatures { get; } = ["segregated", "omnibus", "trust", "other"];

    /// <summary>Whether the asset counts as available for redemption (neither pledged nor restricted).</summary>
    public bool Available => !Pledged && !Restricted;
}
