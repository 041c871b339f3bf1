// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Tokens.Reserves;

/// <summary>The nodes reserve sources read, by the chain names of the registry (configuration, not claims).</summary>
/// <param name="Bitcoin">Bitcoin-family nodes by chain name.</param>
/// <param name="Evm">EVM nodes by chain name.</param>
public sealed record ReserveNodes(IReadOnlyDictionary<string, BitcoinEndpoint> Bitcoin, IReadOnlyDictionary<string, EvmEndpoint> Evm)
{
    /// <summary>Builds the reader of a parsed source.</summary>
    /// <param name="config">The source.</param>
    /// <param name="file">The registry file, for errors.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InputException">The source names a chain with no node of its family.</exception>
    public IReserveSource Create(ReserveSourceConfig config, string file)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config switch
        {
            BtcCustodyConfig btc => new BtcCustodySource(btc, Bitcoin.TryGetValue(btc.Chain, out var b) ? b : throw Missing(file, btc.Id, btc.Chain, "Bitcoin-family")),
            EvmCustodyConfig evm => new EvmCustodySource(evm, Evm.TryGetValue(evm.Chain, out var e) ? e : throw Missing(file, evm.Id, evm.Chain, "EVM")),
            ReserveFeedConfig feed => new ReserveFeedSource(feed, Evm.TryGetValue(feed.Chain, out var f) ? f : throw Missing(file, feed.Id, feed.Chain, "EVM")),
            SignedStatementConfig statement => new SignedStatementSource(statement),
            _ => throw new ArgumentException($"unknown source type {config.GetType().Name}", nameof(config)),
        };
    }

    private static InputException Missing(string file, string id, string chain, string family) =>
        new(file, 0, "reserves." + id + ".chain", $"no {family} node is configured for chain '{chain}'");
}
