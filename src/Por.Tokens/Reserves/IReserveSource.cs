// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Reserves;

/// <summary>
/// One reserve source of a token (an element of the registry's <c>reserves</c> array), ready to read. Reading never
/// throws for a source's own failures: a node down, a stale feed or a bad signature come back as
/// <see cref="ReserveEvidence.Failure"/>, never as a partial total.
/// </summary>
public interface IReserveSource
{
    /// <summary>The source's id in the registry.</summary>
    string Id { get; }

    /// <summary>The source's kind (<see cref="ReserveSourceKinds"/>).</summary>
    string Kind { get; }

    /// <summary>Reads the source once.</summary>
    /// <param name="context">The evaluation (token, decimals, time).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The evidence, failed or usable.</returns>
    Task<ReserveEvidence> ReadAsync(SourceReadContext context, CancellationToken cancellationToken);
}
