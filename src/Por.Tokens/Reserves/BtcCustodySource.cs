// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Units;

namespace Por.Tokens.Reserves;

/// <summary>
/// Reads a <c>btc_custody</c> source: the balance of every custody address at the block N confirmations deep
/// (H = tip − N + 1), through por's Bitcoin Core or Esplora reader, which pins H's hash and checks the genesis.
/// Only outputs created at or below H count (each has ≥ N confirmations). A spend that is pending (in the mempool) or
/// confirmed above H is not yet subtracted: its inputs still count, as they do in Chainlink's adapters ("adding back
/// inputs of pending spends"), so a withdrawal in flight does not make reserves dip and reappear; the evidence is
/// the state at H, clocked by H's block time. Satoshis (8 decimals) are scaled to the token's decimals (down rounds
/// down). A node that fails after retries fails the whole source (<see cref="EvidenceFailure.NodeFault"/>), an
/// address the node cannot read fails it as <see cref="EvidenceFailure.Incomplete"/>: never a partial total.
/// </summary>
/// <param name="config">The source.</param>
/// <param name="endpoint">The chain's node.</param>
public sealed class BtcCustodySource(BtcCustodyConfig config, BitcoinEndpoint endpoint) : IReserveSource
{
    private const int SatoshiDecimals = 8;
    private readonly BtcCustodyConfig _config = config ?? throw new ArgumentNullException(nameof(config));
    private readonly BitcoinEndpoint _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

    /// <inheritdoc/>
    public string Id => _config.Id;

    /// <inheritdoc/>
    public string Kind => _config.Kind;

    /// <inheritdoc/>
    public async Task<ReserveEvidence> ReadAsync(SourceReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declaredClass = _config.Addresses.All(a => a.Proof is not null) ? EvidenceClass.OnChainProvenOwnership : EvidenceClass.OnChainDeclared;
        ReserveEvidence Fail(EvidenceFailure failure, string detail, DateTimeOffset? at = null, string reference = "") =>
            new(Id, declaredClass, BigInteger.Zero, at, reference, failure, detail);

        // Ownership needs no node on Bitcoin: check it first, so a bad proof is reported whatever the node does.
        var ownership = await CustodyOwnership.CheckAsync(_config.Addresses, _config.Period, context, _config.Chain, _endpoint.Network.Name, null, null, null, cancellationToken).ConfigureAwait(false);
        if (ownership.Failure != EvidenceFailure.None)
        {
            return Fail(ownership.Failure, ownership.Detail);
        }

        try
        {
            var reader = _endpoint.CreateReader();
            var tip = await reader.ReadTipHeightAsync(cancellationToken).ConfigureAwait(false);
            var height = tip - _config.Confirmations + 1;
            if (height < 0)
            {
                return Fail(EvidenceFailure.Incomplete, $"the chain's tip is {tip}: no block has {_config.Confirmations} confirmations");
            }

            var queries = _config.Addresses.Select((a, i) => new BalanceQuery(i, a.Address, null, height, null)).ToList();
            var readings = await reader.ReadAsync(queries, cancellationToken).ConfigureAwait(false);
            if (readings.Count != queries.Count)
            {
                return Fail(EvidenceFailure.Incomplete, $"the node answered {readings.Count} of {queries.Count} balances");
            }

            var hashes = readings.Select(r => r.BlockHash).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (hashes.Count != 1 || hashes[0] is null)
            {
                return Fail(EvidenceFailure.Incomplete, "the balances were not read at one block");
            }

            var hash = hashes[0]!.ToLowerInvariant();
            var reference = $"{_config.Chain} block {height.ToString(CultureInfo.InvariantCulture)} {hash}";
            if (readings.FirstOrDefault(r => r.Failure is not null || r.Amount is null) is { } failed)
            {
                return Fail(EvidenceFailure.Incomplete, $"{_config.Addresses[failed.RowIndex].Address}: {failed.Failure ?? "no balance"}", null, reference);
            }

            var time = await _endpoint.BlockTimeAsync(hash, cancellationToken).ConfigureAwait(false);
            if (context.EvaluatedAt - time > TimeSpan.FromSeconds(_config.MaxAgeSeconds))
            {
                return Fail(EvidenceFailure.Stale, $"block {height} ({UtcTime.Format(time)}) is older than {_config.MaxAgeSeconds} s at {UtcTime.Format(context.EvaluatedAt)}", time, reference);
            }

            var satoshis = readings.Aggregate(BigInteger.Zero, (sum, r) => sum + (BigInteger)r.Amount!.Value);
            var amount = BaseUnits.Scale(satoshis, SatoshiDecimals, context.TokenDecimals);
            return new ReserveEvidence(Id, ownership.Class, amount, time, reference, EvidenceFailure.None,
                $"{_config.Addresses.Count} address(es) hold {BaseUnits.FormatFixed(satoshis, SatoshiDecimals)} BTC at block {height} ({_config.Confirmations} confirmation(s)); {ownership.Detail}");
        }
        catch (NodeException ex)
        {
            return Fail(EvidenceFailure.NodeFault, $"node error ({ex.Kind}): {ex.Message}");
        }
    }
}
