// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Reports.Prices;

namespace Por.Reports.Tests;

public sealed class SolvencyCalculatorTests
{
    [Fact]
    public void Compute_Fixture_ExactRatiosExcessAndTotals()
    {
        using var f = new ReportFixture();
        var r = f.Compute();
        var btc = r.Assets.Single(a => a.Symbol == "BTC");
        Assert.Equal("16/15", btc.Ratio!.Value.ToFraction());
        Assert.Equal("106.66", ReportFormat.Percent(btc.Ratio));
        Assert.Equal("0.10000000", ReportFormat.Native(btc.Excess, btc.Decimals));
        Assert.Equal("10000.00", ReportFormat.Usd(btc.ExcessUsd));
        Assert.False(btc.BelowFull);
        var eth = r.Assets.Single(a => a.Symbol == "ETH");
        Assert.Equal(18, eth.Decimals);
        Assert.Equal("19/20", eth.Ratio!.Value.ToFraction());
        Assert.Equal("-0.500000000000000000", ReportFormat.Native(eth.Excess, eth.Decimals));
        Assert.True(eth.BelowFull);
        Assert.Equal("191500.00", ReportFormat.Usd(r.LiabilitiesUsd));
        Assert.Equal("203000.00", ReportFormat.Usd(r.ReservesUsd));
        Assert.Equal(["ETH", "USDT"], r.Flagged.Select(a => a.Symbol));
    }

    [Fact]
    public void Compute_OnlyUnverifiedClaims_VerifiedReservesZeroAndFlagged()
    {
        using var f = new ReportFixture();
        var usdt = f.Compute().Assets.Single(a => a.Symbol == "USDT");
        Assert.True(usdt.VerifiedReserves.IsZero);
        Assert.Equal("2000.000000", ReportFormat.Native(usdt.UnverifiedClaims, usdt.Decimals));
        Assert.Equal("0.00", ReportFormat.Percent(usdt.Ratio));
        Assert.True(usdt.BelowFull);
        Assert.False(usdt.Covered);
    }

    [Fact]
    public void Compute_Coverage_SplitsLiabilitiesByVerifiedProofs()
    {
        using var f = new ReportFixture();
        var c = f.Compute().Coverage;
        Assert.Equal("190000.00", ReportFormat.Usd(c.CoveredUsd));
        Assert.Equal("1500.00", ReportFormat.Usd(c.UncoveredUsd));
        Assert.Equal("99.21", ReportFormat.Percent(c.CoveredShare));
        Assert.Equal(["USDT"], c.UncoveredAssets);
    }

    [Fact]
    public void Compute_Quality_SharesOfVerifiedReserves()
    {
        using var f = new ReportFixture();
        var q = f.Compute(new ReportOptions { PlatformToken = "OKB", Stablecoins = ["USDT", "BTC"] }).Quality;
        Assert.Equal("2.46", ReportFormat.Percent(q.PlatformTokenShare));
        Assert.Equal("100.00", ReportFormat.Percent(q.Top4Share));
        Assert.Equal("78.81", ReportFormat.Percent(q.StablecoinShare)); // BTC 160000 / 203000, USDT has none verified
        Assert.Equal("5000.00", ReportFormat.Usd(q.UnmatchedReservesUsd));
        Assert.Equal(["OKB"], q.UnmatchedAssets);
    }

    [Fact]
    public void Compute_TopFourConcentration_LargestFourOnly()
    {
        using var f = new ReportFixture();
        var extra = new[]
        {
            ReportFixture.Row(4, "XRP", "xrpl", "r1", 1_000_000, 6, true),
            ReportFixture.Row(5, "DOGE", "doge", "D1", 100_000_000, 8, true),
        };
        var reserves = f.WriteReserves(ReportFixture.Result("2026-11", extra));
        var prices = f.Dir.Write("p2.csv", "symbol,usd_price\nBTC,100000\nETH,4000\nUSDT,1\nOKB,50\nXRP,1000\nDOGE,1\n");
        var r = SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, ReserveResultReader.Read(reserves), PriceFileReader.Read(prices), new ReportOptions(), null);
        // Reserves USD: BTC 160000, ETH 38000, OKB 5000, XRP 1000, DOGE 1 → top 4 = 204000 of 204001.
        Assert.Equal("99.99", ReportFormat.Percent(r.Quality.Top4Share));
        Assert.Equal("100.00", ReportFormat.Percent(r.Quality.Top10Share));
        Assert.Null(r.Quality.PlatformTokenShare);
    }

    [Fact]
    public void Compute_TamperedBundle_RefusesToUseItsTotals()
    {
        using var f = new ReportFixture();
        var path = Path.Combine(f.Bundle, TransparentBundleLayout.Leaves);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 1;
        File.WriteAllBytes(path, bytes);
        var verification = LiabilitiesVerifier.Verify(f.Bundle);
        Assert.Equal(BundleFailure.FileDigestMismatch, verification.Failure);
        Assert.Null(verification.Liabilities);

        // The report pipeline refuses the bundle before any total is used.
        var e = Assert.Throws<InvalidDataException>(() => ReportPipeline.Run(new ReportRequest
        {
            RoundDirectory = f.Bundle,
            ReservesResultPath = f.Reserves,
            ReservesSignaturePath = f.ReservesSignature,
            ReservesVerifierKeyPath = f.ReservesKey,
            PricesPath = f.Prices,
            OutputDirectory = Path.Combine(f.Bundle, "..", "report-out"),
        }));
        Assert.Contains("failed verification", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ReservesOfAnotherRound_Rejected()
    {
        using var f = new ReportFixture();
        var other = f.WriteReserves(ReportFixture.Result("2026-10"));
        var e = Assert.Throws<InvalidDataException>(() => SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, ReserveResultReader.Read(other), f.ReadPrices(), new ReportOptions(), null));
        Assert.Contains("2026-10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_MissingPrice_InputErrorNamingAsset()
    {
        using var f = new ReportFixture();
        var prices = f.Dir.Write("p3.csv", "symbol,usd_price\nBTC,100000\nUSDT,1\nOKB,50\n");
        var e = Assert.Throws<InputException>(() => SolvencyCalculator.Compute(LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, f.ReadReserves(), PriceFileReader.Read(prices), new ReportOptions(), null));
        Assert.Equal("ETH", e.Field);
    }

    [Fact]
    public void Serialize_SameInputs_SameBytes()
    {
        using var f = new ReportFixture();
        var a = SolvencyReportJson.Serialize(f.Compute());
        var b = SolvencyReportJson.Serialize(f.Compute());
        Assert.Equal(a, b);
        var text = ReportFixture.Text(a);
        Assert.Contains("\"format\": \"por-report/3\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ratio_exact\": \"19/20\"", text, StringComparison.Ordinal);
    }
}
