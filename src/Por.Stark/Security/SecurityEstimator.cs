// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Security;

/// <summary>
/// Round-by-round soundness estimates, following eprint 2024/1553 Theorems 2 and 3 (as in Winterfell's
/// <c>air/src/proof/security.rs</c>, whose published vectors the tests reproduce). Both figures are proven and capped
/// by SHA-256's 128-bit collision resistance. No "conjectured" (ethSTARK Conjecture 1, up to capacity) figure is
/// computed: eprint 2025/2010 and 2025/2046 refuted the up-to-capacity proximity-gap conjectures it rests on.
/// </summary>
public static class SecurityEstimator
{
    /// <summary>Goldilocks has 64-bit elements.</summary>
    public const int BaseFieldBits = 64;

    /// <summary>SHA-256 collision resistance.</summary>
    public const int CollisionResistanceBits = 128;

    private const int MaxProximityParameter = 1000;

    /// <summary>Estimates arbitrary parameters (any extension degree), e.g. to reproduce published vectors.</summary>
    /// <param name="p">The parameters.</param>
    /// <returns>The estimates.</returns>
    public static SecurityLevel Estimate(EstimatorParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new SecurityLevel((int)Math.Min(UniqueDecoding(p), CollisionResistanceBits), (int)Math.Min(JohnsonBound(p), CollisionResistanceBits));
    }

    private static long UniqueDecoding(EstimatorParameters p)
    {
        double fieldBits = BaseFieldBits * p.ExtensionDegree;
        double lde = (double)p.TraceLength * p.Blowup;
        double n = p.TraceLength;
        const double Openings = 2.0;
        double rhoPlus = (n + Openings) / lde;
        double alpha = (1.0 + rhoPlus) * 0.5;
        double maxDegree = p.Blowup + 1.0;
        double ali = fieldBits;
        double deep = fieldBits - Math.Log2((maxDegree * (n + Openings - 1.0)) + (n - 1.0));
        double commit = fieldBits - Math.Log2(lde);
        double folding = fieldBits - Math.Log2((p.FoldingFactor - 1.0) * (lde + 1.0));
        double query = p.GrindingBits - (p.Queries * Math.Log2(alpha));
        double min = Math.Min(Math.Min(ali, deep), Math.Min(commit, query));
        if (FriLayerCount(p) > 0)
        {
            min = Math.Min(min, folding);
        }

        return ToBits(min);
    }

    private static long JohnsonBound(EstimatorParameters p)
    {
        double h = p.TraceLength;
        double ratio = (h + 2.0) / h;
        int mMax = (int)Math.Min(Math.Ceiling(1.0 / (2.0 * (Math.Sqrt(ratio) - 1.0))), MaxProximityParameter);
        long best = 0;
        for (int m = 3; m < mMax; m++)
        {
            best = Math.Max(best, JohnsonBoundForM(p, m));
        }

        return best;
    }

    private static long JohnsonBoundForM(EstimatorParameters p, double m)
    {
        double fieldBits = BaseFieldBits * p.ExtensionDegree;
        double rho = 1.0 / p.Blowup;
        double alpha = (1.0 + (0.5 / m)) * Math.Sqrt(rho);
        double maxDegree = p.Blowup + 1.0;
        double lde = (double)p.TraceLength * p.Blowup;
        double n = p.TraceLength;
        const double Openings = 2.0;
        double listSize = m / (rho - (2.0 * m / lde));
        double ali = fieldBits - Math.Log2(listSize);
        double deep = fieldBits - Math.Log2(listSize * listSize * ((maxDegree * (n + Openings - 1.0)) + (n - 1.0)));
        double commit = fieldBits - Math.Log2(0.5 * Math.Pow(m + 0.5, 7.0) / Math.Pow(rho, 1.5) * lde * lde);
        double query = p.GrindingBits - (p.Queries * Math.Log2(alpha));
        return ToBits(Math.Min(Math.Min(ali, deep), Math.Min(commit, query)));
    }

    // Like Rust's saturating float-to-integer cast in the reference: NaN and negatives give 0.
    private static long ToBits(double bits) => double.IsNaN(bits) || bits <= 0 ? 0 : bits >= 1e6 ? 1_000_000 : (long)Math.Floor(bits);

    private static int FriLayerCount(EstimatorParameters p)
    {
        // Layers of the reference estimator: fold the LDE domain while it exceeds (remainder + 1)·blowup.
        long domain = (long)p.TraceLength * p.Blowup;
        long stop = (long)(p.RemainderMaxDegree + 1) * p.Blowup;
        int layers = 0;
        while (domain > stop)
        {
            domain /= p.FoldingFactor;
            layers++;
        }

        return layers;
    }
}
