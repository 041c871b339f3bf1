// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Model;

/// <summary>
/// The snake_case code of an <see cref="EvidenceFailure"/> (<c>node_fault</c>, <c>conservation_violated</c>, …): the
/// one name of a failure shown to people and machines (reports, check output, logs, alerts). A fixed table, so a renamed
/// member cannot change a published code silently.
/// </summary>
public static class EvidenceFailureCodes
{
    /// <summary>The code of a failure (<c>none</c> for usable evidence).</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The code.</returns>
    public static string Of(EvidenceFailure failure) => failure switch
    {
        EvidenceFailure.None => "none",
        EvidenceFailure.Stale => "stale",
        EvidenceFailure.Unclocked => "unclocked",
        EvidenceFailure.Incomplete => "incomplete",
        EvidenceFailure.Ripcord => "ripcord",
        EvidenceFailure.NonPositiveAnswer => "non_positive_answer",
        EvidenceFailure.BadSignature => "bad_signature",
        EvidenceFailure.Mismatch => "mismatch",
        EvidenceFailure.NodeFault => "node_fault",
        EvidenceFailure.ConservationViolated => "conservation_violated",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };
}
