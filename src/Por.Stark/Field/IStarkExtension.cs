// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Field;

/// <summary>
/// The extension-field type that goes with a base type <typeparamref name="TBase"/> in auxiliary (LogUp) constraints:
/// <see cref="GoldilocksExt3"/> over <see cref="Goldilocks"/> (prover, one LDE point) and over itself (verifier, at
/// z), <see cref="GoldilocksExt3X8"/> over <see cref="GoldilocksX8"/> (prover, eight LDE points at once).
/// </summary>
/// <typeparam name="TExt">The implementing extension type.</typeparam>
/// <typeparam name="TBase">The main-frame type it extends.</typeparam>
public interface IStarkExtension<TExt, TBase> : IStarkField<TExt>
    where TExt : unmanaged, IStarkExtension<TExt, TBase>
    where TBase : unmanaged, IStarkField<TBase>
{
    /// <summary>Maps a main-frame value into the extension.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value as an extension element.</returns>
    static abstract TExt Lift(TBase value);

    /// <summary>Multiplies a main-frame value by an extension constant (3 base multiplications for base values).</summary>
    /// <param name="value">The value.</param>
    /// <param name="factor">The extension constant (a challenge or a composition coefficient).</param>
    /// <returns>value · factor in the extension.</returns>
    static abstract TExt Scale(TBase value, GoldilocksExt3 factor);

    /// <summary>Embeds an extension constant (every lane of a packed value holds it).</summary>
    /// <param name="constant">The constant.</param>
    /// <returns>The embedded constant.</returns>
    static abstract TExt Broadcast(GoldilocksExt3 constant);

    /// <summary>Multiplies by a main-frame value.</summary>
    /// <param name="a">The extension operand.</param>
    /// <param name="b">The main-frame operand.</param>
    /// <returns>a · b.</returns>
    static abstract TExt operator *(TExt a, TBase b);

    /// <summary>Multiplies by an extension constant.</summary>
    /// <param name="a">The extension operand.</param>
    /// <param name="constant">The constant.</param>
    /// <returns>a · constant.</returns>
    static abstract TExt operator *(TExt a, GoldilocksExt3 constant);
}
