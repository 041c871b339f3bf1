// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>The outcome of verifying a reserve declaration: per-row outcomes and per-asset verified totals.</summary>
/// <param name="Custodian">Declared custodian.</param>
/// <param name="Round">Declared round id.</param>
/// <param name="Source">Declaration file.</param>
/// <param name="Rows">Per-row outcomes, in file order.</param>
/// <param name="Totals">Per-asset totals, ordered by asset symbol.</param>
public sealed record ReserveVerificationResult(string Custodian, string Round, string Source, IReadOnlyList<RowOutcome> Rows, IReadOnlyList<AssetTotal> Totals)
{
    /// <summary>SHA-256 of the registry file the rows were checked against.</summary>
    public required byte[] RegistrySha256 { get; init; }

    /// <summary>Whether the registry is for mainnet reserves or a test round.</summary>
    public required Registry.RegistryNetwork Network { get; init; }

    /// <summary>True when every row is verified.</summary>
    public bool AllVerified => Rows.All(r => r.Status == RowStatus.Verified);

    /// <summary>Verified reserves of one asset in base units, or zero.</summary>
    /// <param name="asset">Asset symbol.</param>
    /// <returns>The verified total.</returns>
    public UInt128 VerifiedTotal(string asset) => Totals.FirstOrDefault(t => string.Equals(t.Asset, asset, StringComparison.Ordinal))?.Verified ?? UInt128.Zero;
}
