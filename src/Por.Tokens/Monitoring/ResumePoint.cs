// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>Where a restarted monitor continues for one token, read from the history.</summary>
/// <param name="LastSlot">The last stored slot, or null when the token has never been evaluated.</param>
/// <param name="LastEvaluatedAt">When that slot was evaluated.</param>
/// <param name="Conditions">The conditions active after it.</param>
/// <param name="Observations">The latest stored value of every observed contract property.</param>
/// <param name="Scans">How far each deployment's mint logs are read.</param>
public sealed record ResumePoint(
    MonitorSlot? LastSlot,
    DateTimeOffset? LastEvaluatedAt,
    IReadOnlyList<AlertCondition> Conditions,
    IReadOnlyList<ContractObservation> Observations,
    IReadOnlyList<MintScan> Scans);
