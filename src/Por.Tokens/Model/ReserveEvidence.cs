// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Model;

/// <summary>One reserve source's figure, in the token's canonical base units (rounded down when scaled).</summary>
/// <param name="SourceId">The source's id in the supply registry.</param>
/// <param name="Class">The evidence class.</param>
/// <param name="Amount">The reserves this source evidences; meaningful only when <paramref name="Failure"/> is None.</param>
/// <param name="ObservedAt">The evidence's own clock (block time, feed <c>updatedAt</c>, statement as-of); null when it has none.</param>
/// <param name="Reference">What pins the evidence: block height and hash, feed round id, or the statement's SHA-256.</param>
/// <param name="Failure">Why the evidence cannot be used, or <see cref="EvidenceFailure.None"/>.</param>
/// <param name="Detail">A sentence for people: what was read, or what failed.</param>
public sealed record ReserveEvidence(
    string SourceId,
    EvidenceClass Class,
    BigInteger Amount,
    DateTimeOffset? ObservedAt,
    string Reference,
    EvidenceFailure Failure,
    string Detail);
