// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;

namespace Por.Cli.Demo;

/// <summary>
/// Generates a synthetic exchange snapshot with a realistic shape: most accounts hold 1–3 assets (stablecoins, BTC and
/// ETH most often), about 1% are whales holding many, and amounts spread over many orders of magnitude. Integer
/// arithmetic only; the same seed gives the same exchange.
/// </summary>
public static class SyntheticExchange
{
    private static readonly Asset[] s_catalogue =
    [
        new("USDT", 6), new("BTC", 8), new("ETH", 8), new("USDC", 6), new("SOL", 8), new("XRP", 6), new("DOGE", 8),
        new("TRX", 6), new("TON", 8), new("ADA", 6), new("LTC", 8), new("OKB", 8), new("LINK", 8), new("DOT", 8),
        new("AVAX", 8), new("BCH", 8), new("UNI", 8), new("ATOM", 6), new("ETC", 8), new("FIL", 8), new("APT", 8),
        new("SHIB", 2),
    ];

    /// <summary>The asset list for <paramref name="count"/> assets (up to 22 named ones, then T23, T24, …).</summary>
    /// <param name="count">How many assets.</param>
    /// <returns>The table.</returns>
    public static AssetTable Assets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new AssetTable(Enumerable.Range(0, count).Select(i => i < s_catalogue.Length ? s_catalogue[i] : new Asset($"T{i + 1}", 8)));
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

    /// <summary>Writes a long-layout CSV snapshot (<c>account_id,asset,amount</c>).</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="seed">The generator seed.</param>
    /// <param name="path">The file to write.</param>
    public static void WriteSnapshot(AssetTable assets, long accounts, ulong seed, string path)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var rng = new SplitMix64(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("account_id,asset,amount\n");
        var chosen = new bool[assets.Count];
        var picks = new List<int>();
        for (long i = 0; i < accounts; i++)
        {
            var id = $"user-{(i * 2654435761L) % 1_000_000_007L:D10}-{i}";
            var whale = rng.Below(100) == 0;
            var holdings = whale ? 5 + (int)rng.Below((ulong)Math.Max(1, assets.Count - 4)) : 1 + (int)rng.Below(3);
            holdings = Math.Min(holdings, assets.Count);
            picks.Clear();
            while (picks.Count < holdings)
            {
                var a = PickAsset(ref rng, assets.Count);
                if (!chosen[a])
                {
                    chosen[a] = true;
                    picks.Add(a);
                }
            }

            picks.Sort();
            foreach (var a in picks)
            {
                chosen[a] = false;
                var asset = assets[a];
                var units = RandomUnits(ref rng, asset.Decimals, whale);
                w.Write(id);
                w.Write(',');
                w.Write(asset.Symbol);
                w.Write(',');
                w.Write(Amount.Format(units, asset.Decimals));
                w.Write('\n');
            }
        }
    }

    private static int PickAsset(ref SplitMix64 rng, int count)
    {
        // Zipf-like popularity: asset k is chosen with weight about 1/(k+1).
        var r = rng.Below(1_000_000);
        var threshold = 0UL;
        var harmonic = 0UL;
        for (var k = 0; k < count; k++)
        {
            harmonic += 1_000_000UL / (ulong)(k + 1);
        }

        for (var k = 0; k < count; k++)
        {
            threshold += 1_000_000UL / (ulong)(k + 1) * 1_000_000UL / harmonic;
            if (r < threshold)
            {
                return k;
            }
        }

        return (int)rng.Below((ulong)count);
    }

    private static ulong RandomUnits(ref SplitMix64 rng, int decimals, bool whale)
    {
        // Whole units spread log-uniformly over about 10^-decimals … 10^4 (whales up to 10^6), capped so that
        // even 10^7 accounts at the cap cannot overflow a 64-bit total.
        var maxDigits = Math.Min(decimals + (whale ? 6 : 4), 12);
        var digits = 1 + (int)rng.Below((ulong)maxDigits);
        var bound = 1UL;
        for (var i = 0; i < digits; i++)
        {
            bound *= 10;
        }

        return 1 + rng.Below(bound - 1);
    }
}
