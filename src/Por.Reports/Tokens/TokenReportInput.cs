// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>Everything a token report is built from.</summary>
/// <param name="Symbol">The token's symbol (display).</param>
/// <param name="Name">The token's name (display).</param>
/// <param name="Evaluation">The evaluation the report is about (its time is the report's measurement time).</param>
/// <param name="History">Past evaluations, oldest first (the current one may be included; it is not repeated).</param>
/// <param name="Alerts">Every alert to list.</param>
/// <param name="Monthly">The monthly part, or null for a plain report.</param>
public sealed record TokenReportInput(
    string Symbol,
    string Name,
    TokenEvaluation Evaluation,
    IReadOnlyList<TokenHistoryPoint> History,
    IReadOnlyList<TokenAlert> Alerts,
    MonthlyInput? Monthly);
