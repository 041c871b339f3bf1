// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;

namespace Por.Tokens.Monitoring;

/// <summary>
/// The unusual-mint rule (docs/token-por.md, "Monitor"): a mint is unusual when its amount exceeds
/// <see cref="Multiplier"/> × the <see cref="QuantilePercent"/>-th percentile (nearest rank) of the token's mints in the
/// <see cref="Window"/> before it, on every deployment, in canonical base units. With fewer than
/// <see cref="MinimumHistory"/> mints in the window there is no distribution to compare with, and the mint is unusual
/// (fail closed: a first-ever mint needs a second approval). Exact in integers.
/// </summary>
/// <param name="Multiplier">k (≥ 1).</param>
/// <param name="QuantilePercent">The percentile, 1–100 (100 = the largest mint in the window).</param>
/// <param name="Window">How far back the distribution reaches.</param>
/// <param name="MinimumHistory">The fewest mints that make a distribution (≥ 1).</param>
public sealed record UnusualMintRule(int Multiplier, int QuantilePercent, TimeSpan Window, int MinimumHistory)
{
    /// <summary>The defaults: 10 × the 99th percentile of the last 30 days, with at least 5 mints.</summary>
    public static UnusualMintRule Default { get; } = new(10, 99, TimeSpan.FromDays(30), 5);

    /// <summary>Checks the rule's parameters.</summary>
    /// <exception cref="InvalidOperationException">A parameter is out of range.</exception>
    public void Validate()
    {
        if (Multiplier < 1 || QuantilePercent is < 1 or > 100 || MinimumHistory < 1 || Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"unusual-mint rule: k {Multiplier} must be ≥ 1, the percentile {QuantilePercent} in 1–100, the minimum history {MinimumHistory} ≥ 1 and the window positive");
        }
    }

    /// <summary>The nearest-rank percentile of a non-empty set of amounts: the element of rank ⌈p·n/100⌉ in ascending order.</summary>
    /// <param name="amounts">The amounts.</param>
    /// <returns>The percentile.</returns>
    public BigInteger Quantile(IReadOnlyCollection<BigInteger> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        if (amounts.Count == 0)
        {
            throw new ArgumentException("no amounts", nameof(amounts));
        }

        var sorted = amounts.Order().ToArray();
        var rank = (int)(((long)QuantilePercent * sorted.Length + 99) / 100);
        return sorted[Math.Max(rank, 1) - 1];
    }

    /// <summary>Judges one amount against the mints of the window before it.</summary>
    /// <param name="amount">The amount (canonical base units).</param>
    /// <param name="window">The mints of the window (the caller selects them by time).</param>
    /// <returns>The verdict.</returns>
    public UnusualMintVerdict Judge(BigInteger amount, IReadOnlyCollection<BigInteger> window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Count < MinimumHistory)
        {
            return new UnusualMintVerdict(true, null, window.Count,
                $"only {window.Count} mint(s) in the last {Days} days (the rule needs {MinimumHistory}): no distribution to compare with, a second approval is needed");
        }

        var quantile = Quantile(window);
        var threshold = quantile * Multiplier;
        var unusual = amount > threshold;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{amount} {(unusual ? ">" : "≤")} {Multiplier} × p{QuantilePercent} ({quantile}) = {threshold} of {window.Count} mints in the last {Days} days");
        return new UnusualMintVerdict(unusual, threshold, window.Count, unusual ? text + ": a second approval is needed" : text);
    }

    private string Days => Window.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
}
