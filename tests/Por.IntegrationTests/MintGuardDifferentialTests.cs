// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Por.Tokens.MintGuard;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>
/// MintRule (C#) against PorSecureMint (on anvil) over random cases from the OS CSPRNG: the contract's accept or
/// revert, its custom error, and the mintable amount it reports must equal MintRule's decision every time.
/// </summary>
public sealed class MintGuardDifferentialTests(AnvilNode anvil) : IClassFixture<AnvilNode>, IDisposable
{
    private const int Cases = 400;
    private static readonly int[] s_commonDecimals = [0, 2, 6, 8, 9, 18, 24, 36];
    private readonly MintGuardChain _chain = new(anvil);
    private readonly string _owner = Address(0);

    public void Dispose() => _chain.Dispose();

    [Fact]
    public async Task Contract_DecidesEveryRandomCase_ExactlyAsMintRule()
    {
        var mock = await anvil.DeployAsync(_owner, "PorTestReserveFeedMock", Convert.ToHexStringLower(EvmAbi.Encode(AbiValue.Uint(6))));
        var seen = Enum.GetValues<MintDecision>().ToDictionary(d => d, _ => 0);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Cases; i++)
        {
            var c = RandomCase(i);
            var key = string.Create(CultureInfo.InvariantCulture, $"{c.Policy.TokenDecimals}/{c.Policy.MarginMode}/{c.Policy.MarginAmount}/{c.Policy.MaxStalenessSeconds}");
            if (!tokens.TryGetValue(key, out var token))
            {
                token = await _chain.DeployTokenAsync(_owner, c.Policy.TokenDecimals, mock, c.Policy.MarginMode, c.Policy.MarginAmount, c.Policy.MaxStalenessSeconds);
                tokens[key] = token;
            }

            await _chain.SendAsync(_owner, mock, EvmAbi.Call("set(int256,uint256,uint8)", AbiValue.Int(c.Feed.Answer), AbiValue.Uint(c.Feed.UpdatedAt), AbiValue.Uint(c.Feed.Decimals)));
            var storage = new Dictionary<int, BigInteger> { [MintGuardChain.TotalSupplySlot] = c.Supply };
            var supply = await _chain.CallAsync(_owner, token, EvmAbi.Call("totalSupply()"), c.Now, storage);
            Assert.Equal(c.Supply, EvmAbi.ReadUint(Convert.FromHexString(supply.Data[2..]), 0));

            var expected = MintRule.Evaluate(c.Policy, c.Feed, c.Amount, c.Supply, c.Now);
            var (ok, data) = await _chain.CallAsync(_owner, token, EvmAbi.Call("mint(address,uint256)", AbiValue.Address(MintGuardChain.AddressBytes(Address(3))), AbiValue.Uint(c.Amount)), c.Now, storage);
            var actual = ok ? nameof(MintDecision.Allowed) : MintGuardChain.ErrorName(data);
            Assert.True(string.Equals(ErrorOf(expected.Decision), actual, StringComparison.Ordinal), $"case {i}: {c} → MintRule {expected.Decision} ({expected.Detail}), contract {actual}");
            if (expected.Decision == MintDecision.ExceedsReserves)
            {
                Assert.True(expected.Mintable == MintGuardChain.ErrorArgument(data, 2), $"case {i}: {c} → mintable {expected.Mintable} vs contract {MintGuardChain.ErrorArgument(data, 2)}");
            }

            seen[expected.Decision]++;
        }

        // The generator reaches every decision, so the comparison covers every branch of both implementations.
        Assert.All(seen, s => Assert.True(s.Value >= 10, $"{s.Key}: only {s.Value} of {Cases} cases"));
        TestContext.Current.SendDiagnosticMessage(string.Join(", ", seen.Select(s => $"{s.Key} {s.Value}")));
    }

    private static string ErrorOf(MintDecision decision) => decision switch
    {
        MintDecision.Allowed => nameof(MintDecision.Allowed),
        MintDecision.NonPositiveAnswer => "ReserveAnswerNotPositive",
        MintDecision.FeedFromFuture => "ReserveFeedFromFuture",
        MintDecision.StaleFeed => "ReserveFeedStale",
        MintDecision.ReservesOutOfRange => "ReservesOutOfRange",
        MintDecision.ExceedsReserves => "MintExceedsReserves",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    private sealed record Case(MintPolicy Policy, FeedRound Feed, BigInteger Amount, BigInteger Supply, BigInteger Now);

    private static Case RandomCase(int index)
    {
        var tokenDecimals = Chance(10) ? RandomNumberGenerator.GetInt32(0, 90) : Pick(s_commonDecimals);
        var feedDecimals = Chance(10) ? RandomNumberGenerator.GetInt32(0, 256) : Pick(s_commonDecimals);
        var mode = (MarginMode)RandomNumberGenerator.GetInt32(0, 5);
        BigInteger margin = mode switch
        {
            MarginMode.None => 0,
            MarginMode.PositiveBasisPoints or MarginMode.NegativeBasisPoints => Pick([0, 1, 50, 9_999, 10_000, RandomNumberGenerator.GetInt32(0, 10_001)]),
            _ => Chance(5) ? MintRule.MaxUint256 - Below(1000) : 1 + Below(BigInteger.Pow(10, RandomNumberGenerator.GetInt32(1, 40))),
        };
        BigInteger maxStaleness = Chance(3) ? 0 : Pick([1, 60, 3_600, 86_400, RandomNumberGenerator.GetInt32(1, 1_000_000)]);
        if (index % 10 == 3 && maxStaleness.IsZero)
        {
            maxStaleness = 60;
        }

        var now = new BigInteger(1_800_000_000 + RandomNumberGenerator.GetInt32(0, 100_000_000));

        BigInteger answer = (index % 10) switch
        {
            0 => -Below(Chance(2) ? 2 : MintRule.MaxInt256),
            1 when tokenDecimals < 200 => MintRule.MaxInt256 - Below(BigInteger.Pow(10, 70)),
            _ => 1 + Below(BigInteger.Pow(10, RandomNumberGenerator.GetInt32(0, 45))),
        };
        if (index % 10 == 1)
        {
            tokenDecimals = Math.Min(feedDecimals + RandomNumberGenerator.GetInt32(0, 3), 255);
        }

        BigInteger age = (index % 10) switch
        {
            2 => -1 - Below(1000),
            3 => maxStaleness + Below(3),
            _ => maxStaleness > 0 ? Below(maxStaleness + 1) : Below(100_000_000),
        };
        var feed = new FeedRound(answer, now - age, feedDecimals);
        var policy = new MintPolicy(mode, margin, maxStaleness, tokenDecimals);

        // Aim amount + supply at the boundary (mintable − 2 … mintable + 2) most of the time.
        var probe = MintRule.Evaluate(policy, feed with { Answer = BigInteger.Max(answer, 1), UpdatedAt = now }, 0, 0, now);
        BigInteger total = probe.Mintable is { } mintable && !Chance(5)
            ? BigInteger.Max(0, mintable + RandomNumberGenerator.GetInt32(-2, 3))
            : Below(BigInteger.Pow(10, RandomNumberGenerator.GetInt32(0, 78)));
        if (Chance(25))
        {
            total = MintRule.MaxUint256 + 1 + Below(1000); // amount + supply beyond uint256
        }

        var supply = Chance(4) ? 0 : Below(BigInteger.Min(total, MintRule.MaxUint256) + 1);
        var amount = total - supply;
        if (amount > MintRule.MaxUint256)
        {
            amount = MintRule.MaxUint256;
            supply = total - amount;
        }

        return new Case(policy, feed, amount, supply, now);
    }

    private static bool Chance(int oneIn) => RandomNumberGenerator.GetInt32(oneIn) == 0;

    private static T Pick<T>(T[] values) => values[RandomNumberGenerator.GetInt32(values.Length)];

    /// <summary>A uniform integer in [0, bound) from the CSPRNG (bound ≥ 1), by rejection sampling.</summary>
    private static BigInteger Below(BigInteger bound)
    {
        if (bound <= 1)
        {
            return 0;
        }

        var bytes = new byte[bound.GetByteCount(isUnsigned: true) + 1];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes.AsSpan(0, bytes.Length - 1));
            bytes[^1] = 0;
            var candidate = new BigInteger(bytes, isUnsigned: true);
            var bits = (long)bound.GetBitLength();
            candidate &= (BigInteger.One << (int)bits) - 1;
            if (candidate < bound)
            {
                return candidate;
            }
        }
    }
}
