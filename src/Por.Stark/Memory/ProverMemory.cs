// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Memory;

/// <summary>
/// Control over the prover's reuse of its large arrays. A process that proves many statements in a row (the batches
/// of a liabilities round) opens one scope around them all, so each proof reuses the previous one's arrays instead of
/// having fresh memory faulted in and cleared by the kernel; a single proof opens its own scope and gives everything
/// back when it ends.
/// </summary>
public static class ProverMemory
{
    /// <summary>The bytes of large arrays the pool holds for reuse right now.</summary>
    public static long RetainedBytes => LargeArrays.PooledBytes;

    /// <summary>
    /// Keeps the arrays each proof gives back for the next proof until the returned scope is disposed (scopes nest;
    /// the last to close releases everything to the garbage collector). The peak memory of a series of proofs stays
    /// that of its largest proof.
    /// </summary>
    /// <returns>The scope.</returns>
    public static IDisposable Retain()
    {
        LargeArrays.EnterRetention();
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                LargeArrays.ExitRetention();
            }
        }
    }
}
