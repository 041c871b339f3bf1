// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Tokens.Supply;

/// <summary>A token's supply readings and the finalized block each chain was read at.</summary>
/// <param name="Readings">One reading per deployment, in registry order.</param>
/// <param name="Pins">The pinned block per chain (chains whose pin failed are absent).</param>
public sealed record SupplyResult(IReadOnlyList<SupplyReading> Readings, IReadOnlyDictionary<string, PinnedBlock> Pins);
