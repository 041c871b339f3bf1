// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Tokens.Model;

namespace Por.Reports.Tokens;

/// <summary>One past evaluation of a token, as the ratio history chart needs it (from the monitor's history).</summary>
/// <param name="At">When the evaluation ran (UTC).</param>
/// <param name="Status">Its status; an <see cref="TokenStatus.EvidenceFailed"/> point has no ratio and is a gap in the chart.</param>
/// <param name="CirculatingSupply">Circulating supply, canonical base units.</param>
/// <param name="TotalReserves">Total reserves, canonical base units.</param>
public sealed record TokenHistoryPoint(DateTimeOffset At, TokenStatus Status, BigInteger CirculatingSupply, BigInteger TotalReserves)
{
    /// <summary>The point of an evaluation.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The point.</returns>
    public static TokenHistoryPoint Of(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new(evaluation.EvaluatedAt, evaluation.Status, evaluation.CirculatingSupply, evaluation.TotalReserves);
    }
}
