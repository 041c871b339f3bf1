// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace Por.Liabilities.Zk;

/// <summary>The files of a zk round bundle (docs/formats.md §9.1).</summary>
public static class ZkBundleLayout
{
    /// <summary>The directory of the batch proofs and statements (public).</summary>
    public const string BatchDirectory = "batches";

    /// <summary>The operator-only directory (0700): openings, chain openings and, during a build, the spill files.</summary>
    public const string PrivateDirectory = "private";

    /// <summary>
    /// Operator-only directory of a build's spill files (every account's salted opening, grouped by batch, before the
    /// batches are padded and shuffled into <see cref="Openings"/>); it exists only during a build.
    /// </summary>
    public const string Spill = "private/spill";

    /// <summary>The operator's per-customer openings; never published.</summary>
    public const string Openings = "private/zk-openings.bin";

    /// <summary>Operator-only directory of the chain openings (running totals and blindings), one file per batch.</summary>
    public const string ChainOpenings = "private/chain";

    /// <summary>Bundle path of batch b's proof.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The path, '/' separated.</returns>
    public static string Proof(int batchIndex) => $"{BatchDirectory}/{ProofFileName(batchIndex)}";

    /// <summary>Bundle path of batch b's statement.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The path, '/' separated.</returns>
    public static string Statement(int batchIndex) => $"{BatchDirectory}/{StatementFileName(batchIndex)}";

    /// <summary>Every public file of a round of B batches, in manifest order (proof then statement per batch).</summary>
    /// <param name="batchCount">B.</param>
    /// <returns>The paths.</returns>
    public static IEnumerable<string> PublicFiles(int batchCount)
    {
        for (var b = 0; b < batchCount; b++)
        {
            yield return Proof(b);
            yield return Statement(b);
        }
    }

    /// <summary>The proof file name of batch b inside <see cref="BatchDirectory"/> (five-digit, zero-padded).</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The file name.</returns>
    public static string ProofFileName(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.proof");

    /// <summary>The statement file name of batch b inside <see cref="BatchDirectory"/>.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The file name.</returns>
    public static string StatementFileName(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.statement");
}
