// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Tokens.Model;
using Por.Tokens.Units;

namespace Por.Tokens.Reserves;

/// <summary>
/// Reads an <c>evm_custody</c> source: the native or ERC-20 balance of every custody address at the evaluation's
/// supply pin of the chain (the same block the supply was read at), or without one at the block N confirmations
/// deep, pinned by hash (<see cref="EvmNode"/> reads by EIP-1898 block hash with requireCanonical).
/// A token's declared decimals are checked against <c>decimals()</c> at the same block
/// (<see cref="EvidenceFailure.Mismatch"/>); amounts are scaled to the token's decimals (down rounds down). The
/// observation clock is the block's timestamp. The balances are read in JSON-RPC batches of
/// <see cref="EvmCustodyConfig.BatchSize"/> (<see cref="EvmEndpoint.BalancesAsync"/>): an answer missing, duplicated or
/// failed fails the source as <see cref="EvidenceFailure.NodeFault"/>, never a partial total.
/// </summary>
/// <param name="config">The source.</param>
/// <param name="endpoint">The chain's node.</param>
public sealed class EvmCustodySource(EvmCustodyConfig config, EvmEndpoint endpoint) : IReserveSource
{
    private readonly EvmCustodyConfig _config = config ?? throw new ArgumentNullException(nameof(config));
    private readonly EvmEndpoint _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

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
        try
        {
            var block = await _endpoint.BlockAsync(_config.Chain, _config.Confirmations, context.Pin, cancellationToken).ConfigureAwait(false);
            var reference = $"{_config.Chain} block {block.Height.ToString(CultureInfo.InvariantCulture)} {block.Hash}";
            var reader = _endpoint.CreateReader();
            if (_config.Token is { } token)
            {
                var decimals = await reader.ReadTokenDecimalsAsync(token, new ChainSnapshot(block.Height, block.Hash), cancellationToken).ConfigureAwait(false);
                if (decimals != _config.Decimals)
                {
                    return Fail(EvidenceFailure.Mismatch, $"token {token} has {decimals} decimals at block {block.Height}; the registry declares {_config.Decimals}", block.Time, reference);
                }
            }

            var ownership = await CustodyOwnership.CheckAsync(_config.Addresses, _config.Period, context, _config.Chain, _config.Chain, _endpoint.ChainId, block, reader, cancellationToken).ConfigureAwait(false);
            if (ownership.Failure != EvidenceFailure.None)
            {
                return Fail(ownership.Failure, ownership.Detail, block.Time, reference);
            }

            var (balances, refused) = await _endpoint.BalancesAsync(_config.Token, [.. _config.Addresses.Select(a => a.Address)], block.Hash, _config.BatchSize, cancellationToken).ConfigureAwait(false);

            if (context.EvaluatedAt - block.Time > TimeSpan.FromSeconds(_config.MaxAgeSeconds))
            {
                return Fail(EvidenceFailure.Stale, $"block {block.Height} ({UtcTime.Format(block.Time)}) is older than {_config.MaxAgeSeconds} s at {UtcTime.Format(context.EvaluatedAt)}", block.Time, reference);
            }

            var total = balances.Aggregate(BigInteger.Zero, (sum, b) => sum + b);
            var asset = _config.Token ?? "native";
            return new ReserveEvidence(Id, ownership.Class, BaseUnits.Scale(total, _config.Decimals, context.TokenDecimals), block.Time, reference, EvidenceFailure.None,
                $"{_config.Addresses.Count} address(es) hold {BaseUnits.FormatFixed(total, _config.Decimals)} of {asset} at block {block.Height} ({_config.Confirmations} confirmation(s)){(refused ? "; the node refused JSON-RPC batches, read one request per address" : string.Empty)}; {ownership.Detail}");
        }
        catch (NodeException ex)
        {
            return Fail(EvidenceFailure.NodeFault, $"node error ({ex.Kind}): {ex.Message}");
        }
    }
}
