// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark;

/// <summary>
/// The process-wide cap on the threads the prover's parallel loops use (the STARK engine and the witness builders):
/// every <see cref="Parallel"/> loop on a prover's path takes <see cref="Options"/>. By default there is no cap (the
/// thread pool decides, about one thread per core). <c>por worker --threads N</c> sets it, so that several workers
/// sharing one machine split its cores instead of each taking all of them. Loops nest at most two deep (a loop over
/// the three trace components around a parallel NTT), so the cap bounds each loop; with a cap of 1 every loop runs on
/// its calling thread only.
/// </summary>
public static class ProverParallelism
{
    private static volatile ParallelOptions s_options = new();

    /// <summary>The options every prover loop passes to <see cref="Parallel"/>.</summary>
    public static ParallelOptions Options => s_options;

    /// <summary>The cap: a positive thread count, or -1 for none (the default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or below -1.</exception>
    public static int MaxThreads
    {
        get => s_options.MaxDegreeOfParallelism;
        set
        {
            if (value == 0 || value < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "expected a positive thread count, or -1 for no cap");
            }

            s_options = new ParallelOptions { MaxDegreeOfParallelism = value };
        }
    }
}
