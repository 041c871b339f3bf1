// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>What a reserves result proves for one asset.</summary>
/// <param name="Symbol">Asset symbol.</param>
/// <param name="Decimals">Decimals of the base unit used by the reserve rows.</param>
/// <param name="Verified">Verified reserves in base units (sum of the verified rows' claims).</param>
/// <param name="Unverified">Claims of failed rows in base units: listed, never counted.</param>
/// <param name="VerifiedRows">Verified rows.</param>
/// <param name="FailedRows">Failed rows.</param>
/// <param name="ReplayableRows">Verified rows whose signed message is not the round's challenge.</param>
public sealed record ReserveEvidence(string Symbol, int Decimals, UInt128 Verified, UInt128 Unverified, int VerifiedRows, int FailedRows, int ReplayableRows);
