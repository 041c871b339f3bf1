// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Air;

/// <summary>
/// An algebraic intermediate representation (Winterfell-like). A subclass describes one statement: the trace shape,
/// transition constraints over (current, next) frames with declared degrees, boundary assertions, periodic columns,
/// and optionally one auxiliary extension-field segment built from verifier randomness (LogUp, permutations).
/// The same instance, constructed from the public inputs, is used by the prover and by the verifier; it holds no
/// witness generation (the prover takes the auxiliary segment's builder separately, <c>Proving.IAuxTraceBuilder</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Which rows transition constraints cover.</b> The witness fills rows 0 … ℓ, ℓ = n − h − 1
/// (<see cref="AirContext.LastRealRow"/>); rows ℓ + 1 … n − 1 are uniformly random (zero knowledge). Every transition
/// constraint C(current, next) is enforced exactly on the steps i → i + 1 with 0 ≤ i ≤ ℓ − 1, i.e. on every pair of
/// witness rows. It is <b>not</b> enforced for the step ℓ → ℓ + 1 (its next row is random), nor on any later step.
/// The composition divides by (X^n − 1)/E(X), E = Π_{i=ℓ}^{n−1} (X − g^i), which the engine fixes; an AIR cannot
/// change it.
/// </para>
/// <para>
/// <b>The trap.</b> A constraint that reads only <see cref="EvaluationFrame{T}.Current"/> (booleanity, a range digit,
/// a selector) therefore says nothing about row ℓ: a witness whose last row violates it still proves and verifies,
/// and <c>TraceValidator</c> (which mirrors the verifier) reports nothing. Likewise no constraint can link row
/// ℓ to anything after it. An AIR whose soundness needs a condition on row ℓ must enforce it in one of these ways:
/// state the condition on <see cref="EvaluationFrame{T}.Next"/> as well (the enforced step ℓ − 1 → ℓ then covers row ℓ),
/// pin row ℓ with boundary <see cref="Assertion"/>s, or make row ℓ a padding row whose content carries no meaning.
/// Pinned by <c>LastRowExemptionTests</c>.
/// </para>
/// </remarks>
public abstract class StarkAir
{
    /// <summary>A versioned identifier of the AIR (absorbed into the transcript), e.g. "por.example.fibonacci/v1".</summary>
    public abstract string Id { get; }

    /// <summary>The trace length n, a power of two (witness rows plus the random tail).</summary>
    public abstract int TraceLength { get; }

    /// <summary>The number of main (base-field) columns.</summary>
    public abstract int MainWidth { get; }

    /// <summary>The number of auxiliary extension-field columns (0 when the AIR has no auxiliary segment).</summary>
    public virtual int AuxWidth => 0;

    /// <summary>How many extension-field challenges the auxiliary segment needs.</summary>
    public virtual int AuxRandomElementCount => 0;

    /// <summary>Declared degrees (1..8) of the main transition constraints, in evaluation order.</summary>
    public abstract IReadOnlyList<int> MainConstraintDegrees { get; }

    /// <summary>Declared degrees (1..8) of the auxiliary transition constraints, in evaluation order.</summary>
    public virtual IReadOnlyList<int> AuxConstraintDegrees => [];

    /// <summary>Periodic columns: each a power-of-two number of values (≤ n), repeated down the trace.</summary>
    public virtual IReadOnlyList<Goldilocks[]> PeriodicColumns => [];

    /// <summary>The canonical encoding of every public input, absorbed before the first challenge.</summary>
    /// <returns>The bytes.</returns>
    public abstract byte[] GetPublicInputBytes();

    /// <summary>Evaluates the main transition constraints; each result must be zero on every non-exempt step.</summary>
    /// <typeparam name="T">Base field on the LDE, extension field at the out-of-domain point.</typeparam>
    /// <param name="frame">The main-trace frame.</param>
    /// <param name="periodicValues">The periodic columns' values at this point.</param>
    /// <param name="result">One slot per declared main constraint.</param>
    /// <remarks>
    /// The prover calls this for every block of eight LDE points with <see cref="GoldilocksX8"/>. Overrides should carry
    /// <c>[MethodImpl(MethodImplOptions.AggressiveOptimization)]</c> (as should <see cref="EvaluateAuxTransition"/>):
    /// unoptimized (tier-0) code of the packed arithmetic is several times slower and would run until the tiered JIT
    /// catches up.
    /// </remarks>
    public abstract void EvaluateTransition<T>(EvaluationFrame<T> frame, ReadOnlySpan<T> periodicValues, Span<T> result)
        where T : unmanaged, IStarkField<T>;

    /// <summary>Evaluates the auxiliary transition constraints.</summary>
    /// <typeparam name="T">The main frame's element type.</typeparam>
    /// <typeparam name="TExt">
    /// The matching extension type: <see cref="GoldilocksExt3"/> for <see cref="Goldilocks"/> and for itself,
    /// <see cref="GoldilocksExt3X8"/> for <see cref="GoldilocksX8"/>.
    /// </typeparam>
    /// <param name="mainFrame">The main-trace frame.</param>
    /// <param name="auxFrame">The auxiliary frame.</param>
    /// <param name="periodicValues">Periodic values at this point.</param>
    /// <param name="randomness">The auxiliary challenges.</param>
    /// <param name="result">One slot per declared auxiliary constraint.</param>
    public virtual void EvaluateAuxTransition<T, TExt>(
        EvaluationFrame<T> mainFrame,
        EvaluationFrame<TExt> auxFrame,
        ReadOnlySpan<T> periodicValues,
        ReadOnlySpan<GoldilocksExt3> randomness,
        Span<TExt> result)
        where T : unmanaged, IStarkField<T>
        where TExt : unmanaged, IStarkExtension<TExt, T>
    {
    }

    /// <summary>Main-trace boundary assertions (rows below the random tail).</summary>
    /// <param name="context">The trace geometry.</param>
    /// <returns>The assertions.</returns>
    public abstract IReadOnlyList<Assertion> GetAssertions(AirContext context);

    /// <summary>Auxiliary boundary assertions, which may depend on the auxiliary challenges.</summary>
    /// <param name="context">The trace geometry.</param>
    /// <param name="randomness">The auxiliary challenges.</param>
    /// <returns>The assertions.</returns>
    public virtual IReadOnlyList<AuxAssertion> GetAuxAssertions(AirContext context, ReadOnlySpan<GoldilocksExt3> randomness) => [];
}
