// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Units;

namespace Por.Tokens.Statements;

/// <summary>The content checks of a statement whose signature verified (shared by the reserve source and <c>por token statement verify</c>).</summary>
/// <param name="Failure">The first check that failed, or None.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record StatementCheck(EvidenceFailure Failure, string Detail)
{
    /// <summary>Checks, in order: token, issuer and currency (Mismatch); the stated total equals the sum of the
    /// available assets (Mismatch); ripcord (Ripcord); as-of present and not after the evaluation (Unclocked);
    /// valid-until not reached and as-of not older than the maximum age (Stale).</summary>
    /// <param name="statement">The statement.</param>
    /// <param name="tokenId">The token it must be for.</param>
    /// <param name="issuer">The issuer it must name, or null to accept any.</param>
    /// <param name="currency">The currency it must use, or null to accept any.</param>
    /// <param name="maxAgeSeconds">The oldest its as-of may be, or null for no limit beyond valid-until.</param>
    /// <param name="evaluatedAt">The evaluation time.</param>
    /// <returns>The outcome.</returns>
    public static StatementCheck Check(ReserveStatement statement, string tokenId, string? issuer, string? currency, long? maxAgeSeconds, DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (!string.Equals(statement.Token, tokenId, StringComparison.Ordinal))
        {
            return new(EvidenceFailure.Mismatch, $"the statement is for token '{statement.Token}', not '{tokenId}'");
        }

        if (issuer is not null && !string.Equals(statement.Issuer, issuer, StringComparison.Ordinal))
        {
            return new(EvidenceFailure.Mismatch, $"the statement names issuer '{statement.Issuer}', not '{issuer}'");
        }

        if (currency is not null && !string.Equals(statement.Currency, currency, StringComparison.Ordinal))
        {
            return new(EvidenceFailure.Mismatch, $"the statement's amounts are in {statement.Currency}, not {currency}");
        }

        if (statement.SumAvailable != statement.TotalAvailableBaseUnits)
        {
            return new(EvidenceFailure.Mismatch, $"total_available {statement.TotalAvailable} is not the sum of the assets that are neither pledged nor restricted ({BaseUnits.FormatFixed(statement.SumAvailable, statement.Decimals)})");
        }

        if (statement.Ripcord)
        {
            return new(EvidenceFailure.Ripcord, $"the {statement.SignerRole} raised the ripcord: {statement.RipcordDetails ?? "no details given"}");
        }

        if (statement.AsOf is not { } asOf)
        {
            return new(EvidenceFailure.Unclocked, "the statement states no as-of time: its freshness cannot be judged");
        }

        if (asOf > evaluatedAt)
        {
            return new(EvidenceFailure.Unclocked, $"as-of {UtcTime.Format(asOf)} is after the evaluation ({UtcTime.Format(evaluatedAt)}): the statement's clock cannot be trusted");
        }

        if (statement.ValidUntil is { } until && evaluatedAt >= until)
        {
            return new(EvidenceFailure.Stale, $"the statement was valid until {UtcTime.Format(until)}; the evaluation is at {UtcTime.Format(evaluatedAt)}");
        }

        if (maxAgeSeconds is { } maxAge && evaluatedAt - asOf > TimeSpan.FromSeconds(maxAge))
        {
            return new(EvidenceFailure.Stale, $"as-of {UtcTime.Format(asOf)} is more than {maxAge} s before the evaluation ({UtcTime.Format(evaluatedAt)})");
        }

        return new(EvidenceFailure.None, $"as of {UtcTime.Format(asOf)}: {statement.TotalAvailable} {statement.Currency} available");
    }
}
