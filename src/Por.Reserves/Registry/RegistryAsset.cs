// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Registry;

/// <summary>One asset of the round's registry: its base-unit decimals and every place where it counts.</summary>
/// <param name="Symbol">Asset symbol as in liabilities and declarations.</param>
/// <param name="Decimals">Decimals of the base unit (equal on every holding; token decimals are read on chain and compared).</param>
/// <param name="Holdings">Chains and contracts where the asset counts; nothing else does.</param>
public sealed record RegistryAsset(string Symbol, int Decimals, IReadOnlyList<AssetHolding> Holdings);
