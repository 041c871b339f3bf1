// SPDX-License-Identifier: Apache-2.0

using System.Runtime.CompilerServices;
using Por.Stark.Field;

namespace Por.Stark.LogUp;

/// <summary>
/// Reusable LogUp arithmetic (eprint 2022/1530): a multiset relation Σ_i m_i/(α − φ(a_i)) = Σ_j m'_j/(α − φ(b_j))
/// proved with fraction columns pinned by polynomial constraints and one running-sum accumulator. Every bus has its own
/// tag: a tuple x is compressed as φ = tag + β·x₁ + β²·x₂ + …, so values of different buses never share a pole
/// (pol-stark.md pitfall 15). α and β are auxiliary challenges drawn after the main-trace commitment.
/// </summary>
public static class LogUpBus
{
    /// <summary>The denominator α − φ(tag, tuple) for one lookup.</summary>
    /// <typeparam name="T">Field of the tuple (base on the LDE, packed base for eight points, extension at z).</typeparam>
    /// <typeparam name="TExt">The matching extension type (see <see cref="IStarkExtension{TExt, TBase}"/>).</typeparam>
    /// <param name="alpha">The LogUp challenge α.</param>
    /// <param name="beta">The tuple-compression challenge β.</param>
    /// <param name="tag">The bus tag.</param>
    /// <param name="tuple">The tuple's elements.</param>
    /// <returns>α − (tag + Σ_j β^(j+1)·x_j).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TExt Denominator<T, TExt>(GoldilocksExt3 alpha, GoldilocksExt3 beta, ulong tag, ReadOnlySpan<T> tuple)
        where T : unmanaged, IStarkField<T>
        where TExt : unmanaged, IStarkExtension<TExt, T>
    {
        // α − tag is a constant; the tuple terms are the only per-point work.
        TExt value = TExt.Broadcast(alpha - new Goldilocks(tag));
        GoldilocksExt3 power = beta;
        foreach (T x in tuple)
        {
            value -= TExt.Scale(x, power);
            power *= beta;
        }

        return value;
    }

    /// <summary>
    /// The constraint pinning a fraction column f to Σ_i n_i/d_i: f·Π_i d_i − Σ_i n_i·Π_(j≠i) d_j
    /// (degree = 1 + Σ deg d_i when f is an auxiliary column).
    /// </summary>
    /// <typeparam name="TExt">The extension type.</typeparam>
    /// <param name="fraction">The fraction column's value.</param>
    /// <param name="numerators">n_i.</param>
    /// <param name="denominators">d_i (same count, at most 8).</param>
    /// <returns>The constraint value (zero when f is correct).</returns>
    /// <exception cref="ArgumentException">Counts differ or exceed 8.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TExt FractionConstraint<TExt>(TExt fraction, ReadOnlySpan<TExt> numerators, ReadOnlySpan<TExt> denominators)
        where TExt : unmanaged, IStarkField<TExt>
    {
        if (numerators.Length != denominators.Length || numerators.Length > 8)
        {
            ThrowHelper.ThrowArgument("Numerators and denominators must pair up (at most 8).", nameof(numerators));
        }

        // Π_(j≠i) d_j = prefix_i · suffix_(i+1): about 3k multiplications instead of k².
        int count = denominators.Length;
        Span<TExt> prefix = stackalloc TExt[count + 1];
        prefix[0] = TExt.One;
        for (int i = 0; i < count; i++)
        {
            prefix[i + 1] = prefix[i] * denominators[i];
        }

        TExt sum = TExt.Zero;
        TExt suffix = TExt.One;
        for (int i = count - 1; i >= 0; i--)
        {
            sum += numerators[i] * (prefix[i] * suffix);
            suffix *= denominators[i];
        }

        return (fraction * prefix[count]) - sum;
    }

    /// <summary>The accumulator transition acc' − acc − Σ f_c (degree 1).</summary>
    /// <typeparam name="TExt">The extension type.</typeparam>
    /// <param name="accumulatorNext">acc at the next row.</param>
    /// <param name="accumulator">acc at this row.</param>
    /// <param name="fractions">This row's fraction columns.</param>
    /// <returns>The constraint value.</returns>
    public static TExt AccumulatorConstraint<TExt>(TExt accumulatorNext, TExt accumulator, ReadOnlySpan<TExt> fractions)
        where TExt : unmanaged, IStarkField<TExt>
    {
        TExt value = accumulatorNext - accumulator;
        foreach (TExt f in fractions)
        {
            value -= f;
        }

        return value;
    }

    /// <summary>
    /// Prover helper: fills a fraction column with Σ_i numerators[i][row]/denominators[i][row] using one batched
    /// inversion, and the accumulator with acc[0] = 0, acc[r+1] = acc[r] + f[r].
    /// </summary>
    /// <param name="numerators">Per term, one numerator per row.</param>
    /// <param name="denominators">Per term, one non-zero denominator per row.</param>
    /// <param name="fraction">Receives the fraction column.</param>
    /// <param name="accumulator">Receives the accumulator column (same length).</param>
    /// <exception cref="ArgumentException">Inconsistent lengths.</exception>
    /// <exception cref="DivideByZeroException">A denominator is zero (probability ≈ rows/p³ for honest data).</exception>
    public static void FillColumns(IReadOnlyList<GoldilocksExt3[]> numerators, IReadOnlyList<GoldilocksExt3[]> denominators, Span<GoldilocksExt3> fraction, Span<GoldilocksExt3> accumulator)
    {
        ArgumentNullException.ThrowIfNull(numerators);
        ArgumentNullException.ThrowIfNull(denominators);
        if (numerators.Count != denominators.Count || fraction.Length != accumulator.Length)
        {
            ThrowHelper.ThrowArgument("Inconsistent LogUp column lengths.", nameof(numerators));
        }

        fraction.Clear();
        for (int t = 0; t < numerators.Count; t++)
        {
            var inverse = (GoldilocksExt3[])denominators[t].Clone();
            GoldilocksExt3.BatchInverse(inverse);
            for (int r = 0; r < fraction.Length; r++)
            {
                fraction[r] += numerators[t][r] * inverse[r];
            }
        }

        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int r = 0; r < accumulator.Length; r++)
        {
            accumulator[r] = acc;
            acc += fraction[r];
        }
    }
}
