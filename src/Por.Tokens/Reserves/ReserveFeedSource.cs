// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Units;

namespace Por.Tokens.Reserves;

/// <summary>
/// Reads a <c>reserve_feed</c> source: <c>decimals()</c> (0x313ce567) and <c>latestRoundData()</c> (0xfeaf968c) by
/// <c>eth_call</c> at the evaluation's supply pin of the chain (or, without one, the block N confirmations deep), pinned by hash. Checks, in order: declared decimals equal
/// <c>decimals()</c> (<see cref="EvidenceFailure.Mismatch"/>); answer &gt; 0 (<see cref="EvidenceFailure.NonPositiveAnswer"/>);
/// updatedAt ≠ 0 and not after the block read (<see cref="EvidenceFailure.Unclocked"/>); answeredInRound ≥ roundId
/// and evaluation time − updatedAt ≤ heartbeat + grace (<see cref="EvidenceFailure.Stale"/>). The answer is scaled from
/// the feed's decimals to the token's (down rounds down); the observation clock is <c>updatedAt</c>.
/// </summary>
/// <param name="config">The source.</param>
/// <param name="endpoint">The chain's node.</param>
public sealed class ReserveFeedSource(ReserveFeedConfig config, EvmEndpoint endpoint) : IReserveSource
{
    private readonly ReserveFeedConfig _config = config ?? throw new ArgumentNullException(nameof(config));
    private readonly EvmEndpoint _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));

    /// <inheritdoc/>
    public string Id => _config.Id;

    /// <inheritdoc/>
    public string Kind => _config.Kind;

    /// <inheritdoc/>
    public async Task<ReserveEvidence> ReadAsync(SourceReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ReserveEvidence Fail(EvidenceFailure failure, string detail, DateTimeOffset? at = null, string reference = "") =>
            new(Id, EvidenceClass.ReserveFeed, BigInteger.Zero, at, reference, failure, detail);
        try
        {
            var block = await _endpoint.BlockAsync(_config.Chain, _config.Confirmations, context.Pin, cancellationToken).ConfigureAwait(false);
            var at = $"{_config.Chain} block {block.Height.ToString(CultureInfo.InvariantCulture)} {block.Hash}";
            var decimalsWord = await _endpoint.CallAsync(_config.Address, "313ce567", block.Hash, cancellationToken).ConfigureAwait(false);
            if (decimalsWord.Length != 32 || decimalsWord.AsSpan(0, 31).IndexOfAnyExcept((byte)0) >= 0)
            {
                return Fail(EvidenceFailure.Mismatch, $"decimals() of {_config.Address} returned {decimalsWord.Length} bytes, not one uint8 word (is it a feed at block {block.Height}?)", null, at);
            }

            if (decimalsWord[31] != _config.Decimals)
            {
                return Fail(EvidenceFailure.Mismatch, $"feed {_config.Address} has {decimalsWord[31]} decimals at block {block.Height}; the registry declares {_config.Decimals}", null, at);
            }

            var data = await _endpoint.CallAsync(_config.Address, "feaf968c", block.Hash, cancellationToken).ConfigureAwait(false);
            if (data.Length != 160)
            {
                return Fail(EvidenceFailure.Mismatch, $"latestRoundData() of {_config.Address} returned {data.Length} bytes, not 5 words", null, at);
            }

            var roundId = Unsigned(data, 0);
            var answer = new BigInteger(data.AsSpan(32, 32), isUnsigned: false, isBigEndian: true);
            var updatedAt = Unsigned(data, 3);
            var answeredInRound = Unsigned(data, 4);
            var reference = $"{at}, feed {_config.Address} round {roundId.ToString(CultureInfo.InvariantCulture)}";
            if (answer <= 0)
            {
                return Fail(EvidenceFailure.NonPositiveAnswer, $"the feed answered {answer.ToString(CultureInfo.InvariantCulture)} in round {roundId}", null, reference);
            }

            if (updatedAt.IsZero)
            {
                return Fail(EvidenceFailure.Unclocked, $"round {roundId} has updatedAt 0: the answer has no observation time", null, reference);
            }

            if (updatedAt > block.Time.ToUnixTimeSeconds())
            {
                return Fail(EvidenceFailure.Unclocked, $"updatedAt {updatedAt} is after the block read ({UtcTime.Format(block.Time)}): the feed's clock cannot be trusted", null, reference);
            }

            var updated = DateTimeOffset.FromUnixTimeSeconds((long)updatedAt);
            if (answeredInRound < roundId)
            {
                return Fail(EvidenceFailure.Stale, $"answeredInRound {answeredInRound} < roundId {roundId}: the answer is carried over from an earlier round", updated, reference);
            }

            var age = context.EvaluatedAt - updated;
            if (age > TimeSpan.FromSeconds(_config.HeartbeatSeconds + _config.GraceSeconds))
            {
                return Fail(EvidenceFailure.Stale, $"updated {UtcTime.Format(updated)}, {(long)age.TotalSeconds} s before the evaluation: older than heartbeat {_config.HeartbeatSeconds} s + grace {_config.GraceSeconds} s", updated, reference);
            }

            return new ReserveEvidence(Id, EvidenceClass.ReserveFeed, BaseUnits.Scale(answer, _config.Decimals, context.TokenDecimals), updated, reference, EvidenceFailure.None,
                $"feed answered {BaseUnits.FormatFixed(answer, _config.Decimals)} in round {roundId}, updated {UtcTime.Format(updated)}");
        }
        catch (NodeException ex)
        {
            return Fail(EvidenceFailure.NodeFault, $"node error ({ex.Kind}): {ex.Message}");
        }
    }

    private static BigInteger Unsigned(byte[] data, int word) => new(data.AsSpan(word * 32, 32), isUnsigned: true, isBigEndian: true);
}
