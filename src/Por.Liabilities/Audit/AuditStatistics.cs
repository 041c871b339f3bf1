// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

namespace Por.Liabilities.Audit;

/// <summary>
/// The statistics of auditor sampling (docs/threat-model.md, "Auditor sampling"). These are probabilities, not
/// amounts, so they are computed in double precision; every bound is printed rounded up (<see cref="FormatUp"/>), so
/// rounding never makes a claim stronger.
/// </summary>
public static class AuditStatistics
{
    /// <summary>Decimal places of printed probabilities and bounds.</summary>
    public const int Decimals = 6;

    /// <summary>Parses a probability written <c>0.d…</c> with 1–6 decimals, strictly between 0 and 1 (e.g. <c>0.95</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="file">The file or option, for errors.</param>
    /// <param name="field">The field, for errors.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InputException">Not such a probability.</exception>
    public static double ParseProbability(string text, string file, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length is < 3 or > 2 + Decimals || !text.StartsWith("0.", StringComparison.Ordinal) || text.AsSpan(2).ContainsAnyExceptInRange('0', '9') || text.AsSpan(2).IndexOfAnyExcept('0') < 0)
        {
            throw new InputException(file, 0, field, $"expected a probability strictly between 0 and 1 written 0.d with 1 to {Decimals} decimals, e.g. 0.95");
        }

        return double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The smallest sample size whose bound, when no sampled account is missing, is at most <paramref name="maxFraction"/>
    /// at <paramref name="confidence"/>: the smallest n with 1 − α^(1/n) ≤ f (α = 1 − confidence), at most the list's size.
    /// </summary>
    /// <param name="confidence">The confidence, in (0, 1).</param>
    /// <param name="maxFraction">The bound wanted on the omitted fraction, in (0, 1).</param>
    /// <param name="listCount">The list's size (the sample is never larger).</param>
    /// <returns>The sample size.</returns>
    public static int SampleSize(double confidence, double maxFraction, long listCount)
    {
        CheckProbability(confidence, nameof(confidence));
        CheckProbability(maxFraction, nameof(maxFraction));
        var alpha = 1 - confidence;
        var estimate = Math.Ceiling(Math.Log(alpha) / Math.Log(1 - maxFraction));
        if (estimate >= int.MaxValue / 2)
        {
            throw new InputException("--max-omitted-fraction", 0, "", "needs a sample of more than a billion accounts: choose a larger fraction or a lower confidence");
        }

        var n = Math.Max(1, (int)estimate);
        while (n > 1 && UpperBound(n - 1, 0, confidence) <= maxFraction)
        {
            n--;
        }

        while (UpperBound(n, 0, confidence) > maxFraction)
        {
            n++;
        }

        return (int)Math.Min(n, listCount);
    }

    /// <summary>
    /// The one-sided Clopper–Pearson upper bound on the fraction of failures at <paramref name="confidence"/>, after
    /// <paramref name="failures"/> failures in <paramref name="n"/> independent draws: the p with
    /// P(Binomial(n, p) ≤ failures) = α. With no failure this is 1 − α^(1/n). It is also valid (conservative) for draws
    /// without replacement from a finite list.
    /// </summary>
    /// <param name="n">Draws.</param>
    /// <param name="failures">Failures among them.</param>
    /// <param name="confidence">The confidence, in (0, 1).</param>
    /// <returns>The bound, in (0, 1].</returns>
    public static double UpperBound(int n, int failures, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failures, n);
        CheckProbability(confidence, nameof(confidence));
        var alpha = 1 - confidence;
        if (failures == n)
        {
            return 1;
        }

        if (failures == 0)
        {
            return -(Math.Exp(Math.Log(alpha) / n) - 1);
        }

        // P(X ≤ k) falls as p grows; bisect to the p where it equals α and keep the upper end.
        double lo = (double)failures / n, hi = 1;
        for (var i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            var mid = (lo + hi) / 2;
            if (BinomialCdf(failures, n, mid) > alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    /// <summary>
    /// The exact upper bound for sampling without replacement: the largest number M of omitted accounts in a list of
    /// <paramref name="listCount"/> that is still consistent at <paramref name="confidence"/> with seeing
    /// <paramref name="failures"/> failures in <paramref name="n"/> distinct draws, i.e. with
    /// P(Hypergeometric(N, M, n) ≤ failures) &gt; α. Never more than the binomial bound allows; 0 when the whole list was
    /// sampled without failure.
    /// </summary>
    /// <param name="listCount">N, the list's size.</param>
    /// <param name="n">Distinct draws.</param>
    /// <param name="failures">Failures among them.</param>
    /// <param name="confidence">The confidence, in (0, 1).</param>
    /// <returns>M.</returns>
    public static long FiniteUpperBound(long listCount, int n, int failures, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, listCount);
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failures, n);
        CheckProbability(confidence, nameof(confidence));
        var alpha = 1 - confidence;

        // M is at least the failures seen and at most N minus the accounts seen included; P(X ≤ k) falls as M grows.
        long lo = failures, hi = listCount - (n - failures);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (HypergeometricCdf(failures, listCount, mid, n) > alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Prints a probability with <see cref="Decimals"/> decimals, rounded up (<c>0.009970</c>).</summary>
    /// <param name="value">The value, in [0, 1].</param>
    /// <returns>The text.</returns>
    public static string FormatUp(double value)
    {
        var scaled = Math.Ceiling(Math.Clamp(value, 0, 1) * 1_000_000);
        return ((decimal)scaled / 1_000_000m).ToString("0.000000", CultureInfo.InvariantCulture);
    }

    /// <summary>P(Binomial(n, p) ≤ k), summed in log space.</summary>
    internal static double BinomialCdf(int k, int n, double p)
    {
        if (p <= 0)
        {
            return 1;
        }

        if (p >= 1)
        {
            return k >= n ? 1 : 0;
        }

        double logP = Math.Log(p), logQ = Math.Log(1 - p), logChoose = 0, max = double.NegativeInfinity;
        var terms = new double[k + 1];
        for (var j = 0; j <= k; j++)
        {
            if (j > 0)
            {
                logChoose += Math.Log(n - j + 1) - Math.Log(j);
            }

            terms[j] = logChoose + (j * logP) + ((n - j) * logQ);
            max = Math.Max(max, terms[j]);
        }

        return Math.Min(1, Math.Exp(max) * terms.Sum(t => Math.Exp(t - max)));
    }

    /// <summary>P(X ≤ k) for X ~ Hypergeometric(N items, M marked, n drawn), summed in log space.</summary>
    internal static double HypergeometricCdf(int k, long total, long marked, int n)
    {
        var jMin = (int)Math.Max(0, n - (total - marked));
        var jMax = (int)Math.Min(n, marked);
        if (k < jMin)
        {
            return 0;
        }

        if (k >= jMax)
        {
            return 1;
        }

        // log P(X = jMin), then P(X = j + 1) = P(X = j) · (M − j)(n − j) / ((j + 1)(N − M − n + j + 1)).
        var log = LogChoose(marked, jMin) + LogChoose(total - marked, n - jMin) - LogChoose(total, n);
        var terms = new List<double>(k - jMin + 1) { log };
        for (long j = jMin; j < k; j++)
        {
            log += Math.Log(marked - j) + Math.Log(n - j) - Math.Log(j + 1) - Math.Log(total - marked - n + j + 1);
            terms.Add(log);
        }

        var max = terms.Max();
        return Math.Min(1, Math.Exp(max) * terms.Sum(t => Math.Exp(t - max)));
    }

    private static double LogChoose(long a, long b)
    {
        b = Math.Min(b, a - b);
        var sum = 0.0;
        for (long i = 0; i < b; i++)
        {
            sum += Math.Log(a - i) - Math.Log(i + 1);
        }

        return sum;
    }

    private static void CheckProbability(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be strictly between 0 and 1");
        }
    }
}
