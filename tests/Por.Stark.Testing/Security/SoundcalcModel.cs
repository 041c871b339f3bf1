// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Testing.Security;

/// <summary>
/// An independent implementation of the formulas of ethereum/soundcalc (commit 809896f, 2026: <c>pcs/fri.py</c>,
/// <c>circuits/deep_ali.py</c>, <c>proxgaps/unique_decoding.py</c>, <c>proxgaps/johnson_bound.py</c>), written from
/// the formulas, not from its code, and deliberately not calling <c>Por.Stark.Security.SecurityEstimator</c>.
/// Every component is an error ε, reported as ⌊−log₂ ε⌋ bits; the total is the minimum (no hash cap).
/// <list type="bullet">
/// <item>UDR (BCHKS25 Cor. 1.4): θ = (1 − ρ)/2, list size 1, ε_lin(k) = (θ·k/ρ + 1)/|F|.</item>
/// <item>JBR (BCHKS25 Thm 4.2): gap η = √ρ/100 if |F| &gt; 2^150 (else max(ρ/20, √ρ/100)), θ = 1 − √ρ − η,
/// list size 1/(2η√ρ), m = max(⌈√ρ/(2η)⌉, 3), ε_lin(k) = ((2(m+½)^5 + 3(m+½)θρ)·(k/ρ)/(3ρ√ρ) + (m+½)/√ρ)/|F|.</item>
/// <item>Batching: ε_lin(n), times (B − 1) under power batching. Commit round i (1-based): ε_lin(n/f^i)·(f − 1).
/// Queries: (1 − θ)^q·2^−grinding. ALI: L·C/|F|. DEEP: L·(d(n + c − 1) + n − 1)/(|F| − n − N), N = n/ρ.</item>
/// </list>
/// </summary>
public static class SoundcalcModel
{
    /// <summary>p = 2^64 − 2^32 + 1.</summary>
    public const double GoldilocksModulus = 18446744069414584321.0;

    /// <summary>The unique-decoding regime.</summary>
    /// <param name="p">The inputs.</param>
    /// <returns>Bits per component and the total.</returns>
    public static SoundcalcLevels UniqueDecoding(SoundcalcInputs p)
    {
        ArgumentNullException.ThrowIfNull(p);
        double rho = 1.0 / p.Blowup;
        double field = FieldSize(p.ExtensionDegree);
        double theta = (1.0 - rho) / 2.0;
        return Levels(p, theta, 1.0, k => ((theta * (k / rho)) + 1.0) / field);
    }

    /// <summary>The Johnson-bound (list-decoding) regime.</summary>
    /// <param name="p">The inputs.</param>
    /// <returns>Bits per component and the total.</returns>
    public static SoundcalcLevels JohnsonBound(SoundcalcInputs p)
    {
        ArgumentNullException.ThrowIfNull(p);
        double rho = 1.0 / p.Blowup;
        double sqrtRho = Math.Sqrt(rho);
        double field = FieldSize(p.ExtensionDegree);
        double gap = field > Math.Pow(2, 150) ? sqrtRho / 100.0 : Math.Max(rho / 20.0, sqrtRho / 100.0);
        double theta = 1.0 - sqrtRho - gap;
        double listSize = 1.0 / (2.0 * gap * sqrtRho);
        double mShifted = Math.Max(Math.Ceiling(sqrtRho / (2.0 * gap)), 3.0) + 0.5;
        return Levels(p, theta, listSize, k =>
        {
            double first = ((2.0 * Math.Pow(mShifted, 5)) + (3.0 * mShifted * theta * rho)) * (k / rho) / (3.0 * rho * sqrtRho);
            return (first + (mShifted / sqrtRho)) / field;
        });
    }

    /// <summary>FRI folding rounds of our protocol: fold the degree bound n by f while it exceeds remainder + 1.</summary>
    /// <param name="traceLength">n.</param>
    /// <param name="foldingFactor">f.</param>
    /// <param name="remainderMaxDegree">The remainder's max degree.</param>
    /// <returns>The number of committed layers.</returns>
    public static int FoldingRounds(int traceLength, int foldingFactor, int remainderMaxDegree)
    {
        int rounds = 0;
        for (long degree = traceLength; degree > remainderMaxDegree + 1; degree /= foldingFactor)
        {
            rounds++;
        }

        return rounds;
    }

    private static double FieldSize(int extensionDegree) => Math.Pow(GoldilocksModulus, extensionDegree);

    private static SoundcalcLevels Levels(SoundcalcInputs p, double theta, double listSize, Func<double, double> linearError)
    {
        double rho = 1.0 / p.Blowup;
        double n = p.TraceLength;
        double lde = n / rho;
        double field = FieldSize(p.ExtensionDegree);
        var bits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["batching"] = Bits(linearError(n) * (p.PowerBatching ? p.BatchSize - 1 : 1)),
        };
        double folded = 1;
        for (int i = 1; i <= p.FoldingRounds; i++)
        {
            folded *= p.FoldingFactor;
            bits[$"commit round {i}"] = Bits(linearError(n / folded) * (p.FoldingFactor - 1));
        }

        bits["query phase"] = Bits(Math.Pow(1.0 - theta, p.Queries) * Math.Pow(2, -p.GrindingBits));
        bits["ALI"] = Bits(listSize * p.Constraints / field);
        bits["DEEP"] = Bits(listSize * ((p.MaxConstraintDegree * (n + p.OpeningPoints - 1)) + (n - 1)) / (field - n - lde));
        return new SoundcalcLevels(bits, bits.Values.Min());
    }

    private static int Bits(double error) => (int)Math.Floor(-Math.Log2(error));
}
