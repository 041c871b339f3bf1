// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Liabilities;
using Por.Liabilities.Rounds;
using Por.Reports.Attestation;
using Por.Reports.Prices;
using Por.Reserves;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Reports.Tests;

/// <summary>
/// A small round with hand-checkable numbers. Liabilities: BTC 1.5, ETH 10, USDT 1500. Verified reserves: BTC 1.6
/// (106.66%), ETH 9.5 in 18-decimal units (95%, flagged), USDT only an unverified claim (0%, flagged, uncovered),
/// OKB 100 held with no customer liability. Prices BTC 100000, ETH 4000, USDT 1, OKB 50.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    public static readonly (string Id, ulong[] Balances)[] Accounts = [("acct-0", [100_000_000UL, 1_000_000_000UL, 1_000_000_000UL]), ("acct-1", [50_000_000UL, 0UL, 500_000_000UL])];

    private readonly string _roundId;
    private string? _zkBundle;

    public ReportFixture(string roundId = "2026-11")
    {
        _roundId = roundId;
        Bundle = TestRounds.Build(Dir, Accounts, roundId);
        Prices = Dir.Write("prices.csv", "symbol,usd_price\nBTC,100000\nETH,4000\nUSDT,1\nOKB,50\n");
        var resultBytes = ReserveResultJson.Serialize(Result(roundId));
        Reserves = Dir.Write("reserves-result.json", resultBytes);
        ReservesSignature = Dir.Write("reserves-result.json.sig", ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(resultBytes, VerifierKey, DateTimeOffset.UnixEpoch)));
        ReservesKey = Dir.Write("verifier.pub.json", VerifierKey.Public().ToJson());
    }

    /// <summary>The reserves verifier's key (fresh per fixture) that signs <see cref="Reserves"/>.</summary>
    public AuditorKey VerifierKey { get; } = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Fixture Verifier");

    public string ReservesSignature { get; }

    public string ReservesKey { get; }

    public TempDirectory Dir { get; } = new();

    public string Bundle { get; }

    public string Prices { get; }

    public string Reserves { get; }

    public string Manifest => Path.Combine(Bundle, BundleLayout.Manifest);

    public static ReserveVerificationResult Result(string round, params RowOutcome[] extra)
    {
        List<RowOutcome> rows =
        [
            Row(0, "BTC", "bitcoin", "bc1qexample0", 160_000_000, 8, true),
            Row(1, "ETH", "ethereum", "0x00000000000000000000000000000000000000e1", UInt128.Parse("9500000000000000000", System.Globalization.CultureInfo.InvariantCulture), 18, true),
            Row(2, "USDT", "ethereum", "0x00000000000000000000000000000000000000e2", 2_000_000_000, 6, false),
            Row(3, "OKB", "ethereum", "0x00000000000000000000000000000000000000e3", 10_000_000_000, 8, true),
            .. extra,
        ];
        return Build(round, rows);
    }

    /// <summary>A result of these rows with the totals the verifier would write (stable totals included).</summary>
    public static ReserveVerificationResult Build(string round, List<RowOutcome> rows)
    {
        var totals = rows.GroupBy(r => r.Asset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AssetTotal(
            g.Key, g.First().Decimals,
            g.Where(r => r.Status == RowStatus.Verified).Aggregate(UInt128.Zero, (s, r) => s + r.ClaimedAmount),
            g.Where(r => r.Status != RowStatus.Verified).Aggregate(UInt128.Zero, (s, r) => s + r.ClaimedAmount),
            g.Count(r => r.Status == RowStatus.Verified), g.Count(r => r.Status != RowStatus.Verified))
        {
            Stable = g.Any(r => r.StableAmount is not null) ? g.Select(r => r.StableAmount).OfType<UInt128>().Aggregate(UInt128.Zero, (s, a) => s + a) : null,
            StableRows = g.Count(r => r.StableAmount is not null),
        }).ToList();
        return new ReserveVerificationResult("Test Exchange", round, "reserves.json", rows, totals) { RegistrySha256 = new byte[32], Network = Por.Reserves.Registry.RegistryNetwork.Mainnet };
    }

    public static RowOutcome Row(int index, string asset, string chain, string address, UInt128 amount, int decimals, bool verified, bool replayable = false) => new()
    {
        Index = index,
        Line = index + 1,
        Asset = asset,
        Chain = chain,
        Address = address,
        Scheme = "eip191-text",
        ClaimedAmount = amount,
        Decimals = decimals,
        Failure = verified ? RowFailure.None : RowFailure.NodeNotConfigured,
        Message = verified ? "verified" : "balance: no node configured",
        Ownership = OwnershipResult.Valid("signature recovers the address"),
        OnChainBalance = verified ? amount : null,
        BalanceBlockHash = verified ? "0x" + new string('a', 64) : null,
        SnapshotHeight = 100,
        Replayable = replayable,
    };

    public VerifiedReserves ReadReserves() => ReserveResultReader.Read(Reserves);

    public PriceTable ReadPrices() => PriceFileReader.Read(Prices);

    public SolvencyReport Compute(ReportOptions? options = null, IReadOnlyList<Por.Reports.History.RoundRecord>? history = null) =>
        SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(Bundle).Liabilities!, ReadReserves(), ReadPrices(), options ?? new ReportOptions { PlatformToken = "OKB" }, history);

    /// <summary>A zk bundle of the same accounts, round id and time (test parameter set, one batch), built once on demand.</summary>
    public string ZkBundle => _zkBundle ??= TestRounds.BuildZk(Dir, Accounts, _roundId);

    public SolvencyReport ComputeZk(ReportOptions? options = null, IReadOnlyList<Por.Reports.History.RoundRecord>? history = null) =>
        SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(ZkBundle, allowTestParameters: true).Liabilities!, ReadReserves(), ReadPrices(), options ?? new ReportOptions { PlatformToken = "OKB" }, history);

    public string WriteReserves(ReserveVerificationResult result, string name = "other-result.json") => Dir.Write(name, ReserveResultJson.Serialize(result));

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public void Dispose() => Dir.Dispose();
}
