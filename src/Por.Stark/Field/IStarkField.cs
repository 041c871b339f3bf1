// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Field;

/// <summary>
/// The arithmetic an AIR needs from the field it is evaluated over: the base field on the low-degree extension
/// (prover, one point at a time as <see cref="Goldilocks"/> or eight at a time as <see cref="GoldilocksX8"/>) and the
/// cubic extension at the out-of-domain point (verifier). Constraint code written once against this interface is
/// specialised by the JIT for each struct type. The extension-field values an auxiliary segment needs are described
/// by <see cref="IStarkExtension{TExt, TBase}"/>.
/// </summary>
/// <typeparam name="T">The implementing element type.</typeparam>
public interface IStarkField<T> : IEquatable<T>
    where T : unmanaged, IStarkField<T>
{
    /// <summary>The additive identity.</summary>
    static abstract T Zero { get; }

    /// <summary>The multiplicative identity.</summary>
    static abstract T One { get; }

    /// <summary>Embeds a base-field element.</summary>
    /// <param name="value">The base element.</param>
    /// <returns>The embedded element.</returns>
    static abstract T FromBase(Goldilocks value);

    /// <summary>Addition.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The sum.</returns>
    static abstract T operator +(T a, T b);

    /// <summary>Subtraction.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The difference.</returns>
    static abstract T operator -(T a, T b);

    /// <summary>Negation.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>The negation.</returns>
    static abstract T operator -(T a);

    /// <summary>Multiplication.</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The product.</returns>
    static abstract T operator *(T a, T b);
}
