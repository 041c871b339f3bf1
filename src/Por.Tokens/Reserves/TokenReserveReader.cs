// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Tokens.Reserves;

/// <summary>
/// The evaluator's reader of every reserve source kind this project has (<see cref="ReserveSourceKinds"/>): it parses
/// an element of the registry's <c>reserves</c> array (<see cref="ReserveSourceParser"/>), builds the source's reader
/// over the chain's node transport, and reads it with the evaluation's token, clock and supply pins.
/// </summary>
public sealed class TokenReserveReader : IReserveSourceReader
{
    private readonly ConditionalWeakTable<ReserveSource, ReserveSourceConfig> _parsed = [];

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Kinds => ReserveSourceKinds.All;

    /// <inheritdoc/>
    public void Validate(ReserveSource source, TokenRegistry registry, TokenDefinition token)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(registry);
        _ = Config(source, registry);
    }

    /// <inheritdoc/>
    public async Task<ReserveEvidence> ReadAsync(ReserveSource source, ReserveReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        var config = Config(source, context.Registry);
        IReserveSource reader = config switch
        {
            BtcCustodyConfig btc => new BtcCustodySource(btc, Bitcoin(context, btc.Chain)),
            EvmCustodyConfig evm => new EvmCustodySource(evm, Evm(context, evm.Chain)),
            ReserveFeedConfig feed => new ReserveFeedSource(feed, Evm(context, feed.Chain)),
            SignedStatementConfig statement => new SignedStatementSource(statement),
            _ => throw new InvalidOperationException($"no reader for {config.GetType().Name}"),
        };
        var chain = config switch
        {
            EvmCustodyConfig evm => evm.Chain,
            ReserveFeedConfig feed => feed.Chain,
            _ => null,
        };
        var pin = chain is not null && context.Pins.TryGetValue(chain, out var p) ? p : null;
        return await reader.ReadAsync(new SourceReadContext(context.Token.Id, context.Token.Decimals, context.EvaluatedAt, pin), cancellationToken).ConfigureAwait(false);
    }

    private ReserveSourceConfig Config(ReserveSource source, TokenRegistry registry)
    {
        if (_parsed.TryGetValue(source, out var config))
        {
            return config;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(registry.File)) ?? Directory.GetCurrentDirectory();
        try
        {
            config = ReserveSourceParser.Parse(source.Element, source.File, source.Path, directory, registry.Chains);
        }
        catch (InputException e) when (e.Line == 0)
        {
            // The parser names the field; the registry reader knows the element's line.
            throw new InputException(e.File, source.Line, e.Field, e.Reason);
        }

        return _parsed.GetValue(source, _ => config);
    }

    private static BitcoinEndpoint Bitcoin(ReserveReadContext context, string chain)
    {
        var definition = context.Registry.Chains[chain];
        var transport = context.Nodes.Transport(chain);
        return string.Equals(definition.Node.Kind, "bitcoin-core", StringComparison.Ordinal)
            ? BitcoinEndpoint.BitcoinCore(transport, definition.Network!, definition.Genesis!)
            : BitcoinEndpoint.Esplora(transport, definition.Network!, definition.Genesis!);
    }

    private static EvmEndpoint Evm(ReserveReadContext context, string chain) =>
        new(context.Nodes.Transport(chain), context.Registry.Chains[chain].ChainId!.Value);
}
