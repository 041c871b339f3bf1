// SPDX-License-Identifier: Apache-2.0

#pragma warning disable MA0048 // The harness's small types live together.

using System.Collections.Concurrent;
using System.Diagnostics;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.Proving;
using Por.Stark.Testing.Proving;

namespace Por.Stark.Testing.Mutants;

/// <summary>How an item is shown load-bearing.</summary>
internal enum WitnessKind
{
    /// <summary>A cheating proof the mutant verifier accepts and the real verifier rejects.</summary>
    Forgery,

    /// <summary>
    /// A receive-side LogUp fraction: zeroing a receive only removes solutions (no forgery can exist), so it is shown
    /// load-bearing for completeness instead: the honest proof the real verifier accepts is rejected by the mutant.
    /// </summary>
    Completeness,

    /// <summary>Implied by the other constraints (no witness can exist); the argument is recorded and documented.</summary>
    Redundant,

    /// <summary>No witness yet: listed loudly in the summary as open work, never silently skipped.</summary>
    Pending,
}

/// <summary>A witness: the claimed statement's real AIR and the (cheating) trace, or the redundancy argument.</summary>
/// <param name="Kind">How the item is shown.</param>
/// <param name="Description">What the cheat does (or the argument).</param>
/// <param name="Build">Builds (real AIR of the claimed statement, trace); null for <see cref="WitnessKind.Redundant"/>.</param>
internal sealed record MutantWitness(WitnessKind Kind, string Description, Func<(StarkAir Air, TraceTable Trace)>? Build)
{
    public static MutantWitness Forgery(string description, Func<(StarkAir Air, TraceTable Trace)> build) => new(WitnessKind.Forgery, description, build);

    public static MutantWitness Completeness(string description, Func<(StarkAir Air, TraceTable Trace)> build) => new(WitnessKind.Completeness, description, build);

    public static MutantWitness Redundant(string argument) => new(WitnessKind.Redundant, argument, null);

    public static MutantWitness Pending(string note) => new(WitnessKind.Pending, note, null);
}

/// <summary>One AIR under the harness: its items (enumerated from the AIR itself) and a witness per item.</summary>
internal sealed record MutantSuite(
    string Name,
    StarkAir Air,
    StarkOptions Options,
    ILogUpLayout? Layout,
    IReadOnlyList<MutantItem> Items,
    Func<MutantItem, MutantWitness?> WitnessFor,
    Func<(StarkAir Air, TraceTable Trace)> Honest,
    Func<StarkAir, IAuxTraceBuilder>? AuxBuilder = null);

/// <summary>The outcome of one suite.</summary>
internal sealed record MutantReport(string Name, int Total, int Forgeries, int Completeness, int Redundant, IReadOnlyList<string> Failures, IReadOnlyList<string> RedundantItems, IReadOnlyList<string> PendingItems, TimeSpan Elapsed)
{
    public int LoadBearing => Forgeries + Completeness;

    public string Summary =>
        $"{Name}: {LoadBearing} of {Total - Redundant} constraints load-bearing ({Forgeries} by a forgery the mutant accepts and the real verifier rejects, " +
        $"{Completeness} receive-side fractions by completeness" +
        (PendingItems.Count > 0 ? $", {PendingItems.Count} WITHOUT A WITNESS YET" : string.Empty) + $"; {Elapsed.TotalSeconds:F1} s)" +
        (Redundant > 0 ? $"; {Redundant} more redundant with a documented argument" : string.Empty);
}

/// <summary>
/// The constraint-mutation harness: for every item of an AIR, the verifier with that ONE item disabled
/// (<see cref="MutantAir"/>) accepts a specific cheating proof (prover self-checks skipped), the real verifier rejects
/// the same proof bytes with <see cref="VerificationFailure.OodInconsistent"/>, and the trace validator shows the
/// cheating trace violates the real AIR. (The real verifier's rejection of the bytes alone would prove little: any proof
/// made under a mutant composes a different polynomial. The mutant's acceptance is what shows the witness satisfies
/// every other item.) Controls show the cheating prover's path and the LogUp re-implementation are honest.
/// </summary>
internal static class MutationHarness
{
    private static readonly VerifierPolicy s_policy = new() { MinimumProvenBits = 0 };

    // POR_MUTANT_REAL_PROVER=1 also proves every cheat under the real AIR (prover self-checks skipped) and checks the
    // real verifier rejects it: twice the proofs, so off by default (the trace validator shows the violation instead).
    private static readonly bool s_realProver = Environment.GetEnvironmentVariable("POR_MUTANT_REAL_PROVER") == "1";

    /// <summary>Every item of an AIR in its own order: main constraints, aux constraints, assertions, aux assertions (fractions and buses are added by the suite).</summary>
    public static List<MutantItem> ConstraintItems(StarkAir air, AirContext context, Func<MutantKind, int, string>? name = null)
    {
        name ??= (kind, i) => $"{kind} {i}";
        var items = new List<MutantItem>();
        for (int i = 0; i < air.MainConstraintDegrees.Count; i++)
        {
            items.Add(new MutantItem(MutantKind.MainConstraint, i, name(MutantKind.MainConstraint, i)));
        }

        for (int i = 0; i < air.AuxConstraintDegrees.Count; i++)
        {
            items.Add(new MutantItem(MutantKind.AuxConstraint, i, name(MutantKind.AuxConstraint, i)));
        }

        for (int i = 0; i < air.GetAssertions(context).Count; i++)
        {
            items.Add(new MutantItem(MutantKind.Assertion, i, name(MutantKind.Assertion, i)));
        }

        if (air.AuxWidth > 0)
        {
            // Aux assertions may depend on the challenges only in their values; their count does not.
            int count = air.GetAuxAssertions(context, new GoldilocksExt3[air.AuxRandomElementCount]).Count;
            for (int i = 0; i < count; i++)
            {
                items.Add(new MutantItem(MutantKind.AuxAssertion, i, name(MutantKind.AuxAssertion, i)));
            }
        }

        return items;
    }

    public static MutantReport Run(MutantSuite suite, Action<string>? log = null)
    {
        var watch = Stopwatch.StartNew();
        var failures = new ConcurrentBag<string>();
        var lines = new ConcurrentDictionary<int, string>();
        int forgeries = 0, completeness = 0;
        var redundant = new List<string>();
        var pending = new List<string>();

        // Controls: the cheating prover's path (self-checks skipped) proves an honest trace that the real verifier accepts,
        // and the layout re-implementation of the LogUp fractions (nothing zeroed) is the real aux segment exactly.
        (StarkAir honestAir, TraceTable honestTrace) = suite.Honest();
        VerificationResult control = Verify(honestAir, Prove(honestAir, honestTrace, suite.Options, AuxBuilderFor(suite, honestAir)), suite.Options);
        if (!control.IsValid)
        {
            failures.Add($"control: the honest trace fails the real verifier ({control.Failure})");
        }

        if (suite.Layout is not null)
        {
            var none = new MutantItem(MutantKind.Fraction, -1, "none", []);
            control = Verify(honestAir, Prove(new MutantAir(honestAir, none, suite.Layout), honestTrace, suite.Options), suite.Options);
            if (!control.IsValid)
            {
                failures.Add($"control: the LogUp layout does not reproduce the real aux segment ({control.Failure})");
            }
        }

        var work = new List<(int Index, MutantItem Item, MutantWitness Witness)>();
        for (int i = 0; i < suite.Items.Count; i++)
        {
            MutantItem item = suite.Items[i];
            MutantWitness? witness = suite.WitnessFor(item);
            if (witness is null)
            {
                failures.Add($"{item}: no witness");
            }
            else if (witness.Kind == WitnessKind.Pending)
            {
                pending.Add($"{item}: {witness.Description}");
                lines[i] = $"  {item}: PENDING — {witness.Description}";
            }
            else if (witness.Kind == WitnessKind.Redundant)
            {
                redundant.Add($"{item}: {witness.Description}");
                lines[i] = $"  {item}: REDUNDANT — {witness.Description}";
            }
            else
            {
                work.Add((i, item, witness));
            }
        }

        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, w =>
        {
            try
            {
                (StarkAir air, TraceTable trace) = w.Witness.Build!();
                IAuxTraceBuilder? realAux = AuxBuilderFor(suite, air);
                var mutant = new MutantAir(air, w.Item, suite.Layout, realAux);
                IReadOnlyList<string> violations = TraceValidator.Validate(air, trace, realAux, suite.Options.RandomRows, Challenges(air));
                if (w.Witness.Kind == WitnessKind.Forgery)
                {
                    // The mutant verifier accepts the cheating proof; the real verifier rejects the same bytes, and the
                    // trace itself violates the real AIR (so any proof of it is one the real verifier's soundness refuses).
                    byte[] forged = Prove(mutant, trace, suite.Options);
                    VerificationResult underMutant = Verify(mutant, forged, suite.Options);
                    VerificationResult underReal = Verify(air, forged, suite.Options);
                    if (!underMutant.IsValid || underReal.Failure != VerificationFailure.OodInconsistent || violations.Count == 0)
                    {
                        failures.Add($"{w.Item}: witness '{w.Witness.Description}' does not separate (mutant: {underMutant.Failure}, real: {underReal.Failure}, real-AIR violations: {violations.Count})");
                        return;
                    }

                    if (s_realProver)
                    {
                        VerificationResult realProof = Verify(air, Prove(air, trace, suite.Options, realAux), suite.Options);
                        if (realProof.IsValid)
                        {
                            failures.Add($"{w.Item}: the real verifier accepts the cheat proven under the real AIR");
                            return;
                        }
                    }

                    Interlocked.Increment(ref forgeries);
                }
                else
                {
                    // Honest statement: it satisfies the real AIR, and the mutant system cannot prove it.
                    VerificationResult underMutant = Verify(mutant, Prove(mutant, trace, suite.Options), suite.Options);
                    if (violations.Count != 0 || underMutant.Failure != VerificationFailure.OodInconsistent)
                    {
                        failures.Add($"{w.Item}: completeness witness does not separate (real-AIR violations: {violations.Count}, mutant: {underMutant.Failure})");
                        return;
                    }

                    Interlocked.Increment(ref completeness);
                }

                lines[w.Index] = $"  {w.Item}: {w.Witness.Kind} — {w.Witness.Description}";
            }
#pragma warning disable CA1031 // A throwing witness is a harness failure to report with the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{w.Item}: witness threw {e.GetType().Name}: {e.Message}");
            }
        });

        if (log is not null)
        {
            foreach (KeyValuePair<int, string> line in lines.OrderBy(l => l.Key))
            {
                log(line.Value);
            }
        }

        return new MutantReport(suite.Name, suite.Items.Count, forgeries, completeness, redundant.Count, [.. failures.Order(StringComparer.Ordinal)], redundant, pending, watch.Elapsed);
    }

    /// <summary>Fixed, arbitrary auxiliary challenges for the trace validator.</summary>
    public static GoldilocksExt3[] Challenges(StarkAir air) =>
        [.. Enumerable.Range(0, air.AuxRandomElementCount).Select(i => new GoldilocksExt3(new Goldilocks((ulong)(1000 + i)), new Goldilocks((ulong)(2000 + i)), new Goldilocks((ulong)(3000 + i))))];

    /// <summary>The real AIR's aux builder: the suite's, else the AIR itself when it is one (the examples).</summary>
    public static IAuxTraceBuilder? AuxBuilderFor(MutantSuite suite, StarkAir air) => suite.AuxBuilder?.Invoke(air) ?? air as IAuxTraceBuilder;

    /// <summary>Proves with the self-checks skipped; a mutant is its own aux builder.</summary>
    public static byte[] Prove(StarkAir air, TraceTable trace, StarkOptions options, IAuxTraceBuilder? auxBuilder = null) =>
        CheatingProver.Prove(air, trace, auxBuilder ?? air as IAuxTraceBuilder, options, new ProverCheats { SkipSelfChecks = true }).Encode();

    public static VerificationResult Verify(StarkAir air, byte[] proof, StarkOptions options) => StarkVerifier.Verify(air, proof, options, s_policy);

    /// <summary>Appends the summary line to the file named by POR_MUTANT_SUMMARY (scripts/test prints it) and returns it.</summary>
    public static string Publish(MutantReport report)
    {
        string line = report.Summary;
        string? path = Environment.GetEnvironmentVariable("POR_MUTANT_SUMMARY");
        if (!string.IsNullOrEmpty(path))
        {
            lock (s_publishLock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }

        return line;
    }

    private static readonly Lock s_publishLock = new();
}

/// <summary>Generic witness helpers.</summary>
internal static class MutantWitnesses
{
    /// <summary>
    /// Re-derives every Poseidon2 round column of one permutation row after column <paramref name="keep"/> was
    /// changed, except that column itself: afterwards exactly the constraint of <paramref name="keep"/> fails in the row.
    /// </summary>
    public static void RepairPermutationRow(Poseidon2 permutation, Span<Goldilocks> columns, int keep)
    {
        int w = permutation.Parameters.Width;
        int count = Poseidon2Row.ConstraintCount(permutation.Parameters);
        var residues = new Goldilocks[count];
        var output = new Goldilocks[w];
        for (int guard = 0; guard <= count; guard++)
        {
            Poseidon2Row.Evaluate<Goldilocks>(permutation, columns, residues, output);
            int k = Array.FindIndex(residues, i => !i.IsZero);
            while (k >= 0 && w + k == keep)
            {
                k = Array.FindIndex(residues, k + 1, i => !i.IsZero);
            }

            if (k < 0)
            {
                return;
            }

            columns[w + k] -= residues[k];
        }

        throw new InvalidOperationException("The permutation row did not converge.");
    }
}
