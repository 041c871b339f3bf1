// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Registry;

/// <summary>
/// Reads one kind (or several kinds) of reserve source into evidence. <c>TokenEvaluator</c> calls
/// <see cref="Validate"/> for every source when it is built (so bad configuration is exit 2 before any read) and
/// <see cref="ReadAsync"/> once per evaluation, concurrently across sources.
/// </summary>
public interface IReserveSourceReader
{
    /// <summary>The source kinds this reader reads (the <c>kind</c> values of the registry).</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>Checks a source's element strictly, before any read.</summary>
    /// <param name="source">The source.</param>
    /// <param name="registry">The registry (its chains, for sources that read a chain).</param>
    /// <param name="token">The token the source backs.</param>
    /// <exception cref="Por.Common.InputException">The element is invalid (names file, line and field).</exception>
    void Validate(ReserveSource source, TokenRegistry registry, TokenDefinition token);

    /// <summary>
    /// Reads the source. Every failure of the evidence is returned as a <see cref="ReserveEvidence"/> with its
    /// <see cref="EvidenceFailure"/> (a node that fails after retries: NodeFault; part of the source unreadable:
    /// Incomplete), never as a partial amount. A <see cref="Por.Reserves.Nodes.NodeException"/> that escapes is
    /// turned into NodeFault by the evaluator.
    /// </summary>
    /// <param name="source">The source (already validated).</param>
    /// <param name="context">The evaluation: token, time, the supply's pinned blocks and the nodes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The evidence, amount in the token's canonical base units.</returns>
    Task<ReserveEvidence> ReadAsync(ReserveSource source, ReserveReadContext context, CancellationToken cancellationToken);
}
