// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>What a reserve source reader gets for one evaluation.</summary>
/// <param name="Registry">The registry (chains).</param>
/// <param name="Token">The token whose reserves are read (canonical decimals, id).</param>
/// <param name="EvaluatedAt">The evaluation's clock: staleness is judged against it.</param>
/// <param name="Pins">The finalized block each EVM chain's supply was read at, by chain name (chains whose pin failed are absent).</param>
/// <param name="Nodes">The node transports, one per chain of the registry.</param>
public sealed record ReserveReadContext(
    TokenRegistry Registry,
    TokenDefinition Token,
    DateTimeOffset EvaluatedAt,
    IReadOnlyDictionary<string, PinnedBlock> Pins,
    ChainNodes Nodes);
