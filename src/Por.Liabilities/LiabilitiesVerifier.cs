// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Liabilities;

/// <summary>Verifies a round bundle by its manifest's mode, for consumers that need only the proven liabilities.</summary>
public static class LiabilitiesVerifier
{
    /// <summary>Verifies the bundle: transparent, every leaf, node, total and the root; zk, every batch proof.</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="allowTestParameters">Accept a zk bundle of a test-only parameter set (tests only).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The outcome; a failed check is a result, not an exception.</returns>
    /// <exception cref="InputException">The manifest is missing or malformed.</exception>
    public static LiabilitiesVerification Verify(string directory, bool allowTestParameters = false, CancellationToken cancellationToken = default) =>
        Verify(directory, allowTestParameters, null, cancellationToken);

    /// <summary>Verifies the bundle, reporting "verifying batches" per batch (zk) or "verifying leaves" per leaf
    /// block (transparent).</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="allowTestParameters">Accept a zk bundle of a test-only parameter set (tests only).</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The outcome; a failed check is a result, not an exception.</returns>
    /// <exception cref="InputException">The manifest is missing or malformed.</exception>
    public static LiabilitiesVerification Verify(string directory, bool allowTestParameters, IProgress<WorkProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (RoundModes.ReadManifest(Path.Combine(directory, BundleLayout.Manifest)) == RoundMode.Zk)
        {
            var zk = ZkRoundBundleVerifier.Verify(directory, allowTestParameters, progress);
            return new LiabilitiesVerification(RoundMode.Zk, zk.Failure, zk.Message, zk.Liabilities);
        }

        var leaves = progress is null ? null : new LeafCounts(progress, RoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest)).Header.AccountCount);
        var round = RoundVerifier.Verify(directory, leaves, cancellationToken);
        return new LiabilitiesVerification(RoundMode.Transparent, round.Failure, round.Message, round.Liabilities);
    }

    /// <summary>The progress stage of transparent verification: leaves recomputed, per leaf block.</summary>
    public const string LeafStage = "verifying leaves";

    // Turns the transparent verifier's leaf counts into "verifying leaves" progress.
    private sealed class LeafCounts(IProgress<WorkProgress> progress, long total) : IProgress<long>
    {
        public void Report(long value) => progress.Report(new WorkProgress(LeafStage, value, total));
    }
}
