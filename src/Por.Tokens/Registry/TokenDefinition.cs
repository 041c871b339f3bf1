// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>One token of the registry: its canonical unit, margin, deployments, exclusions and reserve sources.</summary>
/// <param name="Id">The token's id (unique in the registry).</param>
/// <param name="Decimals">The canonical decimals: every amount of an evaluation is in base units of this many decimals.</param>
/// <param name="MarginBasisPoints">The required margin over 1:1, in basis points.</param>
/// <param name="Deployments">The deployments, in file order.</param>
/// <param name="Exclusions">Balances that are not circulating supply, in file order.</param>
/// <param name="Reserves">The reserve sources, in file order.</param>
public sealed record TokenDefinition(
    string Id,
    int Decimals,
    int MarginBasisPoints,
    IReadOnlyList<TokenDeployment> Deployments,
    IReadOnlyList<SupplyExclusion> Exclusions,
    IReadOnlyList<ReserveSource> Reserves)
{
    /// <summary>The deployment with id <paramref name="id"/>, or null.</summary>
    /// <param name="id">The deployment id.</param>
    /// <returns>The deployment, or null.</returns>
    public TokenDeployment? Deployment(string id) => Deployments.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
}
