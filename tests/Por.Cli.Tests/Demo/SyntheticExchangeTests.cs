// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Cli.Demo;
using Por.Common;

namespace Por.Cli.Tests.Demo;

/// <summary>The synthetic exchange is deterministic and shaped like a real book (docs/demo.md), not 97% BTC.</summary>
public sealed class SyntheticExchangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-synthetic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SameSeed_SameFile_OtherSeed_Differs()
    {
        var assets = SyntheticExchange.Assets(24);
        SyntheticExchange.WriteSnapshot(assets, 2_000, 7, Path.Combine(_dir, "a.csv"));
        SyntheticExchange.WriteSnapshot(assets, 2_000, 7, Path.Combine(_dir, "b.csv"));
        SyntheticExchange.WriteSnapshot(assets, 2_000, 8, Path.Combine(_dir, "c.csv"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a.csv")), File.ReadAllBytes(Path.Combine(_dir, "b.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_dir, "a.csv")), File.ReadAllBytes(Path.Combine(_dir, "c.csv")));
    }

    [Fact]
    public void Catalogue_RealListingsAndDecimals()
    {
        var assets = SyntheticExchange.Assets(26);
        Assert.Equal(["USDT", "BTC", "ETH", "USDC", "SOL", "XRP"], assets.Assets.Take(6).Select(a => a.Symbol));
        Assert.Equal(24, SyntheticExchange.NamedAssets);
        Assert.Equal(("T25", 8), (assets[24].Symbol, (int)assets[24].Decimals));
        var decimals = assets.Assets.ToDictionary(a => a.Symbol, a => (int)a.Decimals, StringComparer.Ordinal);
        Assert.Equal((6, 8, 6, 9, 6, 10), (decimals["USDT"], decimals["BTC"], decimals["USDC"], decimals["SOL"], decimals["XRP"], decimals["DOT"]));
        Assert.True(SyntheticExchange.IsStablecoin("USDC"));
        Assert.False(SyntheticExchange.IsStablecoin("BTC"));
        Assert.Equal("97250.5", SyntheticExchange.PriceOf("BTC"));
    }

    [Fact]
    public void Book_HasARealisticShape()
    {
        var assets = SyntheticExchange.Assets(24);
        var path = Path.Combine(_dir, "s.csv");
        SyntheticExchange.WriteSnapshot(assets, 20_000, 20261121, path);
        var decimals = assets.Assets.ToDictionary(a => a.Symbol, a => (int)a.Decimals, StringComparer.Ordinal);
        var valueBySymbol = new Dictionary<string, ExactNumber>(StringComparer.Ordinal);
        var valueByAccount = new Dictionary<string, ExactNumber>(StringComparer.Ordinal);
        var holdings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            Assert.True(ExactNumber.TryParseDecimal(f[2], decimals[f[1]], out var amount));
            Assert.True(ExactNumber.TryParseDecimal(SyntheticExchange.PriceOf(f[1]), 9, out var price));
            var usd = amount * price;
            valueBySymbol[f[1]] = valueBySymbol.GetValueOrDefault(f[1], ExactNumber.Zero) + usd;
            valueByAccount[f[0]] = valueByAccount.GetValueOrDefault(f[0], ExactNumber.Zero) + usd;
            holdings[f[0]] = holdings.GetValueOrDefault(f[0]) + 1;
        }

        var total = valueBySymbol.Values.Aggregate(ExactNumber.Zero, (a, b) => a + b);
        int Percent(ExactNumber part) => int.Parse((part / total * ExactNumber.Create(100, 1)).Format(0), CultureInfo.InvariantCulture);

        // No single asset dominates; BTC is a large share but not the book; stablecoins are a large share.
        Assert.InRange(Percent(valueBySymbol["BTC"]), 15, 40);
        Assert.InRange(Percent(valueBySymbol["USDT"] + valueBySymbol["USDC"] + valueBySymbol["DAI"]), 30, 55);
        Assert.InRange(Percent(valueBySymbol["ETH"]), 7, 20);
        Assert.All(valueBySymbol.Values, v => Assert.True(Percent(v) < 45));
        Assert.Equal(24, valueBySymbol.Count);

        // Most accounts hold 1–4 assets; balances are heavy-tailed: the median account is small, the top 1% hold most.
        Assert.Equal(20_000, holdings.Count);
        Assert.InRange(holdings.Values.Count(h => h <= 4), 18_800, 19_600);
        var sorted = valueByAccount.Values.Order().ToList();
        Assert.True(sorted[sorted.Count / 2] < ExactNumber.Create(1_000, 1), "median account under $1,000");
        var top = sorted.Skip(sorted.Count - (sorted.Count / 100)).Aggregate(ExactNumber.Zero, (a, b) => a + b);
        Assert.InRange(Percent(top), 50, 95);
    }
}
