// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>Per-asset totals in integer base units.</summary>
/// <param name="Asset">Asset symbol.</param>
/// <param name="Decimals">Decimals of the base unit.</param>
/// <param name="Verified">Sum of claims of verified rows.</param>
/// <param name="Unverified">Sum of claims of failed rows (listed apart, never added to reserves).</param>
/// <param name="VerifiedRows">Number of verified rows.</param>
/// <param name="FailedRows">Number of failed rows.</param>
public sealed record AssetTotal(string Asset, int Decimals, UInt128 Verified, UInt128 Unverified, int VerifiedRows, int FailedRows)
{
    /// <summary>Stable reserves: the sum over verified rows of <see cref="RowOutcome.StableAmount"/>, a row whose
    /// window was not measured counting 0; null when no verified row's window was measured.</summary>
    public UInt128? Stable { get; init; }

    /// <summary>Verified rows whose window was measured (complete); all of them when equal to <see cref="VerifiedRows"/>.</summary>
    public int StableRows { get; init; }
}
