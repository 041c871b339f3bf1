// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.IntegrationTests;

/// <summary>
/// A test double for reserve sources (kind <c>fixed_test</c>): the amount is the element's <c>amount</c> (canonical
/// base units), clocked at the evaluation time, so that supply tests can steer the status. Never in the product.
/// </summary>
internal sealed class FixedReserveReader : IReserveSourceReader
{
    public IReadOnlyCollection<string> Kinds { get; } = ["fixed_test"];

    public void Validate(ReserveSource source, TokenRegistry registry, TokenDefinition token)
    {
        if (!source.Element.TryGetProperty("amount", out var amount) || amount.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw new InputException(source.File, source.Line, source.Path + ".amount", "expected a base-unit string");
        }
    }

    public Task<ReserveEvidence> ReadAsync(ReserveSource source, ReserveReadContext context, CancellationToken cancellationToken)
    {
        var amount = BigInteger.Parse(source.Element.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
        return Task.FromResult(new ReserveEvidence(source.Id, EvidenceClass.SignedStatement, amount, context.EvaluatedAt, "fixed", EvidenceFailure.None, "fixed test reserves"));
    }
}
