// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;

namespace Por.Common;

/// <summary>
/// An exact rational number (numerator / positive denominator, lowest terms) for money, prices and ratios: no
/// floating point anywhere near a balance. Rendering truncates toward zero, so a ratio of 99.999% prints as
/// 99.99 and is never rounded up to 100.
/// </summary>
public readonly struct ExactNumber : IEquatable<ExactNumber>, IComparable<ExactNumber>
{
    private readonly BigInteger _denominator;

    private ExactNumber(BigInteger numerator, BigInteger denominator)
    {
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd.IsZero)
        {
            gcd = BigInteger.One;
        }

        Numerator = numerator / gcd;
        _denominator = denominator / gcd;
    }

    /// <summary>Zero.</summary>
    public static ExactNumber Zero => new(BigInteger.Zero, BigInteger.One);

    /// <summary>One.</summary>
    public static ExactNumber One => new(BigInteger.One, BigInteger.One);

    /// <summary>The numerator (sign carrier).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The positive denominator.</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    /// <summary>Whether the value is negative.</summary>
    public bool IsNegative => Numerator.Sign < 0;

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>Creates numerator / denominator.</summary>
    /// <param name="numerator">Numerator.</param>
    /// <param name="denominator">Denominator (non-zero).</param>
    /// <returns>The number.</returns>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public static ExactNumber Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("ExactNumber denominator is zero");
        }

        return denominator.Sign < 0 ? new ExactNumber(-numerator, -denominator) : new ExactNumber(numerator, denominator);
    }

    /// <summary>Integer base units of an asset with <paramref name="decimals"/> decimals, as whole units.</summary>
    /// <param name="baseUnits">The amount in base units.</param>
    /// <param name="decimals">Decimals of the base unit.</param>
    /// <returns>The amount in whole units.</returns>
    public static ExactNumber FromBaseUnits(UInt128 baseUnits, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        return Create(BigInteger.Parse(baseUnits.ToString(CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture), BigInteger.Pow(10, decimals));
    }

    /// <summary>Parses a plain non-negative decimal ("97000.125", no sign, exponent or separators).</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxFractionDigits">Maximum digits after the point.</param>
    /// <param name="value">The number.</param>
    /// <returns>True when <paramref name="text"/> is such a decimal.</returns>
    public static bool TryParseDecimal(string text, int maxFractionDigits, out ExactNumber value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        if (whole.Length == 0 || whole.Length > 40 || !whole.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0)
            || fraction.Length > maxFractionDigits || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = Create(BigInteger.Parse(whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture), BigInteger.Pow(10, fraction.Length));
        return true;
    }

    /// <summary>Renders with exactly <paramref name="fractionDigits"/> digits after the point, truncated toward zero.</summary>
    /// <param name="fractionDigits">Digits after the point (0 for none).</param>
    /// <returns>e.g. "-12.50".</returns>
    public string Format(int fractionDigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fractionDigits);
        var scaled = BigInteger.Abs(Numerator) * BigInteger.Pow(10, fractionDigits) / Denominator;
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits + 1, '0');
        var text = new StringBuilder();
        if (Numerator.Sign < 0 && !scaled.IsZero)
        {
            text.Append('-');
        }

        text.Append(digits.AsSpan(0, digits.Length - fractionDigits));
        if (fractionDigits > 0)
        {
            text.Append('.').Append(digits.AsSpan(digits.Length - fractionDigits));
        }

        return text.ToString();
    }

    /// <summary>Whether the value is a decimal with at most <paramref name="fractionDigits"/> digits (renders exactly).</summary>
    /// <param name="fractionDigits">Digits after the point.</param>
    /// <returns>True when exact.</returns>
    public bool IsExactAt(int fractionDigits) => (Numerator * BigInteger.Pow(10, fractionDigits) % Denominator).IsZero;

    /// <summary>"numerator/denominator" in lowest terms.</summary>
    /// <returns>The fraction text.</returns>
    public string ToFraction() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <inheritdoc/>
    public override string ToString() => ToFraction();

    /// <summary>Adds.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The sum.</returns>
    public static ExactNumber operator +(ExactNumber left, ExactNumber right) =>
        Create((left.Numerator * right.Denominator) + (right.Numerator * left.Denominator), left.Denominator * right.Denominator);

    /// <summary>Subtracts.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The difference.</returns>
    public static ExactNumber operator -(ExactNumber left, ExactNumber right) =>
        Create((left.Numerator * right.Denominator) - (right.Numerator * left.Denominator), left.Denominator * right.Denominator);

    /// <summary>Multiplies.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The product.</returns>
    public static ExactNumber operator *(ExactNumber left, ExactNumber right) =>
        Create(left.Numerator * right.Numerator, left.Denominator * right.Denominator);

    /// <summary>Divides.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right (non-zero).</param>
    /// <returns>The quotient.</returns>
    /// <exception cref="DivideByZeroException">Right is zero.</exception>
    public static ExactNumber operator /(ExactNumber left, ExactNumber right) =>
        Create(left.Numerator * right.Denominator, left.Denominator * right.Numerator);

    /// <summary>Less than.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <(ExactNumber left, ExactNumber right) => left.CompareTo(right) < 0;

    /// <summary>Greater than.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >(ExactNumber left, ExactNumber right) => left.CompareTo(right) > 0;

    /// <summary>Less or equal.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator <=(ExactNumber left, ExactNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Greater or equal.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator >=(ExactNumber left, ExactNumber right) => left.CompareTo(right) >= 0;

    /// <summary>Equality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator ==(ExactNumber left, ExactNumber right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    /// <returns>The comparison.</returns>
    public static bool operator !=(ExactNumber left, ExactNumber right) => !left.Equals(right);

    /// <inheritdoc/>
    public int CompareTo(ExactNumber other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <inheritdoc/>
    public bool Equals(ExactNumber other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ExactNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
}
