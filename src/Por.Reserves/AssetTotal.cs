// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>Per-asset totals in integer base units.</summary>
/// <param name="Asset">Asset symbol.</param>
/// <param name="Decimals">Decimals of the base unit.</param>
/// <param name="Verified">Sum of claims of verified rows.</param>
/// <param name="Unverified">Sum of claims of failed rows (listed apart, never added to reserves).</param>
/// <param name="VerifiedRows">Number of verified rows.</param>
/// <param name="FailedRows">Number of failed rows.</param>
public sealed record AssetTotal(string Asset, int Decimals, UInt128 Verified, UInt128 Unverified, int VerifiedRows, int FailedRows);
