// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Registry;
using Por.Tokens.Supply;

namespace Por.Tokens;

/// <summary>
/// One evaluation of a token (docs/token-por.md §5): its supply at each chain's finalized block, then every reserve
/// source read concurrently with those pins, then the status (<see cref="TokenEvaluation.StatusOf"/>). Built once per
/// registry and reused (a monitor evaluates every N blocks or minutes with the same nodes); evaluations of one
/// evaluator may run one at a time or concurrently. Bad configuration is found when it is built.
/// </summary>
public sealed class TokenEvaluator
{
    private readonly TokenRegistry _registry;
    private readonly IReserveSourceReader _reserves;
    private readonly ChainNodes _nodes;
    private readonly TimeProvider _time;

    /// <summary>Creates an evaluator and validates every reserve source of every token.</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="reserves">The reserve source reader (usually a <see cref="ReserveSourceReaders"/> over every kind).</param>
    /// <param name="nodes">The node transports (owned by the caller, which disposes them).</param>
    /// <param name="time">The clock (the evaluation time; staleness is judged against it).</param>
    /// <exception cref="Por.Common.InputException">A reserve source is invalid or of an unknown kind.</exception>
    public TokenEvaluator(TokenRegistry registry, IReserveSourceReader reserves, ChainNodes nodes, TimeProvider? time = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _reserves = reserves ?? throw new ArgumentNullException(nameof(reserves));
        _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
        _time = time ?? TimeProvider.System;
        foreach (var token in registry.Tokens)
        {
            foreach (var source in token.Reserves)
            {
                reserves.Validate(source, registry, token);
            }
        }
    }

    /// <summary>The registry.</summary>
    public TokenRegistry Registry => _registry;

    /// <summary>Evaluates one token.</summary>
    /// <param name="token">A token of the registry.</param>
    /// <param name="previousPins">The blocks the previous evaluation of this token pinned (see <see cref="PinsOf"/>), or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The evaluation.</returns>
    public async Task<TokenEvaluation> EvaluateAsync(TokenDefinition token, IReadOnlyDictionary<string, PinnedBlock>? previousPins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var evaluatedAt = _time.GetUtcNow();
        var supply = await SupplyReader.ReadAsync(_registry, token, _nodes, previousPins, cancellationToken).ConfigureAwait(false);
        var context = new ReserveReadContext(_registry, token, evaluatedAt, supply.Pins, _nodes);
        var evidence = await Task.WhenAll(token.Reserves.Select(source => ReadSourceAsync(source, context, cancellationToken))).ConfigureAwait(false);

        var circulating = supply.Readings.Aggregate(BigInteger.Zero, (sum, r) => sum + r.Counted);
        var reserves = evidence.Where(e => e.Failure == EvidenceFailure.None).Aggregate(BigInteger.Zero, (sum, e) => sum + e.Amount);
        var status = TokenEvaluation.StatusOf(supply.Readings, evidence, circulating, reserves, token.MarginBasisPoints);
        return new TokenEvaluation(token.Id, token.Decimals, evaluatedAt, supply.Readings, evidence, circulating, reserves, token.MarginBasisPoints, status);
    }

    /// <summary>Evaluates one token by id.</summary>
    /// <param name="tokenId">The token id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentException">The registry has no such token.</exception>
    public Task<TokenEvaluation> EvaluateAsync(string tokenId, CancellationToken cancellationToken) =>
        EvaluateAsync(_registry.Token(tokenId) ?? throw new ArgumentException($"no token '{tokenId}' in the registry", nameof(tokenId)), null, cancellationToken);

    /// <summary>The block each chain was read at in <paramref name="evaluation"/> (usable readings only), to pass as the next evaluation's previous pins.</summary>
    /// <param name="evaluation">An evaluation.</param>
    /// <returns>The pins by chain.</returns>
    public static IReadOnlyDictionary<string, PinnedBlock> PinsOf(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var pins = new Dictionary<string, PinnedBlock>(StringComparer.Ordinal);
        foreach (var reading in evaluation.Supply.Where(r => r.BlockHash.Length > 0))
        {
            pins.TryAdd(reading.Chain, new PinnedBlock(reading.Chain, reading.Height, reading.BlockHash, reading.BlockTime));
        }

        return pins;
    }

    private async Task<ReserveEvidence> ReadSourceAsync(ReserveSource source, ReserveReadContext context, CancellationToken cancellationToken)
    {
        ReserveEvidence evidence;
        try
        {
            evidence = await _reserves.ReadAsync(source, context, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException e)
        {
            return new ReserveEvidence(source.Id, ClassGuess(source), 0, null, string.Empty, EvidenceFailure.NodeFault, "node failed: " + e.Message);
        }

        if (!string.Equals(evidence.SourceId, source.Id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the reader of '{source.Kind}' answered for source '{evidence.SourceId}' when asked for '{source.Id}'");
        }

        if (evidence.Failure == EvidenceFailure.None && evidence.Amount.Sign < 0)
        {
            return evidence with { Failure = EvidenceFailure.Mismatch, Detail = $"negative reserves {evidence.Amount}: " + evidence.Detail };
        }

        if (evidence.Failure == EvidenceFailure.None && evidence.ObservedAt is null)
        {
            return evidence with { Failure = EvidenceFailure.Unclocked, Detail = "no observation time: " + evidence.Detail };
        }

        return evidence;
    }

    // A source that threw before producing evidence still needs a class for the report: the kind's natural one.
    private static EvidenceClass ClassGuess(ReserveSource source) => source.Kind switch
    {
        "reserve_feed" => EvidenceClass.ReserveFeed,
        "signed_statement" => EvidenceClass.SignedStatement,
        _ => EvidenceClass.OnChainDeclared,
    };
}
