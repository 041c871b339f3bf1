// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;

namespace Por.Cli.Demo;

/// <summary>
/// Generates a synthetic exchange shaped like a large real one (docs/demo.md): 24 listed assets with realistic prices
/// and shares of the book's value (measured at 100,000 accounts: stablecoins 42%, BTC 28%, ETH 13%, then a long tail), accounts whose USD
/// value is heavy-tailed (78% hold under $1,000, 0.1% are whales above $1M), most holding 1–4 assets. Integer
/// arithmetic only; the same seed gives the same exchange.
/// </summary>
public static class SyntheticExchange
{
    // Symbol, base-unit decimals as booked, USD price per whole unit, share of the book's USD value (basis points).
    // Decimals are the chain's own where a realistic book fits 64-bit base units; 18-decimal tokens are booked with
    // fewer (as exchanges do internally): ETH, OKB, LINK, UNI, ETC, FIL, DAI with 8, SHIB and PEPE with 2.
    private static readonly ListedAsset[] s_catalogue =
    [
        new("USDT", 6, "1.0002", 3_000, Stablecoin: true),
        new("BTC", 8, "97250.5", 2_600),
        new("ETH", 8, "3421.17", 1_300),
        new("USDC", 6, "0.9999", 700, Stablecoin: true),
        new("SOL", 9, "181.42", 450),
        new("XRP", 6, "2.3104", 350),
        new("DOGE", 8, "0.38211", 250),
        new("TRX", 6, "0.25101", 150),
        new("TON", 9, "5.512", 120),
        new("ADA", 6, "0.9813", 120),
        new("LTC", 8, "101.07", 100),
        new("OKB", 8, "48.2", 150),
        new("LINK", 8, "23.456", 90),
        new("DOT", 10, "7.702", 70),
        new("AVAX", 9, "40.13", 70),
        new("BCH", 8, "450.33", 60),
        new("UNI", 8, "13.21", 50),
        new("ATOM", 6, "6.605", 40),
        new("ETC", 8, "27.81", 40),
        new("FIL", 8, "5.104", 30),
        new("APT", 8, "9.911", 30),
        new("SHIB", 2, "0.0000225", 30),
        new("DAI", 8, "1.0001", 150, Stablecoin: true),
        new("PEPE", 2, "0.0000201", 50),
    ];

    // Account values, one decade of USD each (from $1 – $10 up to $10M – $100M): the cumulative share of accounts, in
    // 1/100,000, whose value lies in each decade. Roughly Pareto: the median account holds about $100, the 0.105% of
    // accounts above $1M (the whales) hold about 40% of the book.
    private static readonly int[] s_decadeUpTo = [20_000, 50_000, 78_000, 93_000, 98_500, 99_800, 99_995, 100_000];

    /// <summary>How many named assets the catalogue has; more are synthetic (T25, T26, …).</summary>
    public static int NamedAssets => s_catalogue.Length;

    /// <summary>The asset list for <paramref name="count"/> assets (up to 24 named ones, then T25, T26, …).</summary>
    /// <param name="count">How many assets.</param>
    /// <returns>The table.</returns>
    public static AssetTable Assets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new AssetTable(Enumerable.Range(0, count).Select(i => new Asset(Listed(i).Symbol, (byte)Listed(i).Decimals)));
    }

    /// <summary>The demo's USD price of a whole unit of <paramref name="symbol"/> (exact decimal text), or "1" for a
    /// synthetic asset not in the catalogue.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The price.</returns>
    public static string PriceOf(string symbol) => s_catalogue.FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal))?.Price ?? "1";

    /// <summary>Whether the catalogue lists <paramref name="symbol"/> as a stablecoin.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>True for USDT, USDC and DAI.</returns>
    public static bool IsStablecoin(string symbol) => s_catalogue.Any(a => a.Stablecoin && string.Equals(a.Symbol, symbol, StringComparison.Ordinal));

    /// <summary>The share of the book's USD value the generator aims at for asset <paramref name="index"/> of a table
    /// of <paramref name="count"/> assets, in basis points of the table's total weight.</summary>
    /// <param name="index">The asset's index.</param>
    /// <param name="count">The table's size.</param>
    /// <returns>Basis points (rounded down).</returns>
    public static int TargetShareBasisPoints(int index, int count)
    {
        var total = Enumerable.Range(0, count).Sum(i => Listed(i).Weight);
        return Listed(index).Weight * 10_000 / total;
    }

    /// <summary>Writes the asset list as CSV (<c>symbol,decimals</c>).</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="path">The file to write.</param>
    public static void WriteAssetList(AssetTable assets, string path)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var sb = new StringBuilder("symbol,decimals\n");
        foreach (var a in assets.Assets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{a.Symbol},{a.Decimals}\n");
        }

        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>
    /// Writes a long-layout CSV snapshot (<c>account_id,asset,amount</c>). Each account draws a decade of USD value
    /// from the table above and a value uniform within it, a number of assets (1: 40%, 2: 30%, 3: 18%, 4: 8%, 5–12:
    /// 4%; whales hold 4–15), the assets themselves without repetition with probability proportional to their share of
    /// value, and splits its value among them in proportion to (share + 1.5%) times a random factor (0.5–1.5); each amount is the value at the asset's price,
    /// rounded down to a base unit (at least one).
    /// </summary>
    /// <param name="assets">The assets (from <see cref="Assets"/>).</param>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="seed">The generator seed.</param>
    /// <param name="path">The file to write.</param>
    /// <exception cref="OverflowException">An amount does not fit 64 bits (not reachable with the catalogue's prices).</exception>
    public static void WriteSnapshot(AssetTable assets, long accounts, ulong seed, string path)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var rng = new SplitMix64(seed);
        var listed = Enumerable.Range(0, assets.Count).Select(Listed).ToArray();
        var unitsPerNanoUsd = listed.Select(a => (Scale: Pow10(a.Decimals), NanoPrice: NanoUsd(a.Price))).ToArray();
        var cumulative = new ulong[listed.Length];
        var weightSum = 0UL;
        for (var i = 0; i < listed.Length; i++)
        {
            weightSum += (ulong)listed[i].Weight;
            cumulative[i] = weightSum;
        }

        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("account_id,asset,amount\n");
        var chosen = new bool[assets.Count];
        var picks = new List<int>();
        var parts = new List<ulong>();
        for (long i = 0; i < accounts; i++)
        {
            var id = $"user-{(i * 2654435761L) % 1_000_000_007L:D10}-{i}";
            var draw = rng.Below(100_000);
            var decade = 0;
            while ((ulong)s_decadeUpTo[decade] <= draw)
            {
                decade++;
            }

            var low = 100UL; // cents: $1
            for (var d = 0; d < decade; d++)
            {
                low *= 10;
            }

            var cents = low + rng.Below(low * 9);
            var holdings = Math.Min(HoldingCount(ref rng, whale: decade >= 6), assets.Count);
            picks.Clear();
            while (picks.Count < holdings)
            {
                var r = rng.Below(weightSum);
                var a = Array.FindIndex(cumulative, c => r < c);
                if (!chosen[a])
                {
                    chosen[a] = true;
                    picks.Add(a);
                }
            }

            parts.Clear();
            var partSum = 0UL;
            foreach (var pick in picks)
            {
                // In proportion to the asset's share, times a random factor: a whale holding ten assets still keeps most
                // of its value in stablecoins, BTC and ETH, as the book does.
                var part = ((ulong)listed[pick].Weight + 150) * (50 + rng.Below(100));
                parts.Add(part);
                partSum += part;
            }

            // Amounts in file order by asset index; the split follows the draw order.
            var order = picks.Select((asset, k) => (asset, k)).OrderBy(p => p.asset).ToList();
            foreach (var (a, k) in order)
            {
                chosen[a] = false;
                var value = (UInt128)cents * parts[k] / partSum;
                var (scale, nanoPrice) = unitsPerNanoUsd[a];

                // units = value[cents] / 100 × 10^decimals / (nanoPrice / 10^9)
                var units = value * scale * 10_000_000 / nanoPrice;
                w.Write(id);
                w.Write(',');
                w.Write(listed[a].Symbol);
                w.Write(',');
                w.Write(Amount.Format(checked((ulong)UInt128.Max(units, UInt128.One)), listed[a].Decimals));
                w.Write('\n');
            }
        }
    }

    private static ListedAsset Listed(int index) =>
        index < s_catalogue.Length ? s_catalogue[index] : new ListedAsset($"T{index + 1}", 8, "1", 10);

    private static int HoldingCount(ref SplitMix64 rng, bool whale)
    {
        if (whale)
        {
            return 4 + (int)rng.Below(12);
        }

        var r = rng.Below(100);
        return r switch
        {
            < 40 => 1,
            < 70 => 2,
            < 88 => 3,
            < 96 => 4,
            _ => 5 + (int)rng.Below(8),
        };
    }

    private static UInt128 Pow10(int exponent)
    {
        var value = UInt128.One;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    // A price as an integer number of 10^-9 USD (the catalogue has at most 7 fraction digits).
    private static UInt128 NanoUsd(string price)
    {
        var dot = price.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? price : price[..dot];
        var fraction = (dot < 0 ? string.Empty : price[(dot + 1)..]).PadRight(9, '0');
        return UInt128.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private sealed record ListedAsset(string Symbol, int Decimals, string Price, int Weight, bool Stablecoin = false);
}
