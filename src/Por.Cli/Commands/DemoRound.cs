// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Liabilities.Rounds;

namespace Por.Cli.Commands;

/// <summary>What steps 2–5 of <c>por demo</c> produced: the audited round, the customer's check and their timings.</summary>
/// <param name="Liabilities">The liabilities as the auditor's verifier proved them, or null when the audit failed.</param>
/// <param name="InclusionValid">Whether the customer's inclusion file verified against the published manifest.</param>
/// <param name="BuildSeconds">Round build time.</param>
/// <param name="AuditSeconds">Auditor verification time.</param>
/// <param name="InclusionMs">Customer verification time.</param>
/// <param name="InclusionBytes">Size of the customer's inclusion file.</param>
/// <param name="PrintHeader">Prints the round's public summary (what the mode publishes).</param>
/// <param name="WriteHeader">Writes the round's public summary into a JSON object.</param>
internal sealed record DemoRound(
    VerifiedLiabilities? Liabilities, bool InclusionValid, double BuildSeconds, double AuditSeconds, double InclusionMs, int InclusionBytes,
    Action<TextWriter> PrintHeader, Action<Utf8JsonWriter> WriteHeader)
{
    /// <summary>Whether the audit and the customer's check both passed.</summary>
    public bool IsValid => Liabilities is not null && InclusionValid;
}
