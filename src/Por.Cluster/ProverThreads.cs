// SPDX-License-Identifier: Apache-2.0

using Por.Stark;

namespace Por.Cluster;

/// <summary>
/// Runs a prover on at most a given number of threads (<c>por worker --threads</c>): sets the prover's process-wide
/// cap (<see cref="ProverParallelism"/>, which every parallel loop of the STARK engine and the witness builders takes)
/// for the duration of one proof and restores it after. Several workers sharing one machine then split its cores
/// instead of each taking all of them. Proofs run through here one at a time per process (a worker proves one batch at
/// a time anyway), so that two caps never mix.
/// </summary>
public static class ProverThreads
{
    private static readonly Lock s_gate = new();

    /// <summary>The largest accepted thread count.</summary>
    public const int Max = 4096;

    /// <summary>Runs <paramref name="body"/> with at most <paramref name="threads"/> threads in each of the prover's parallel loops.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="threads">1..<see cref="Max"/>; at least the machine's processor count means no cap.</param>
    /// <param name="body">The work.</param>
    /// <returns>What <paramref name="body"/> returned.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is out of range.</exception>
    public static T Run<T>(int threads, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, Max);
        if (threads >= Environment.ProcessorCount)
        {
            // No cap: nothing to set, so nothing to serialise (in-process workers of the tests share this process).
            return body();
        }

        lock (s_gate)
        {
            int before = ProverParallelism.MaxThreads;
            ProverParallelism.MaxThreads = threads;
            try
            {
                return body();
            }
            finally
            {
                ProverParallelism.MaxThreads = before;
            }
        }
    }
}
