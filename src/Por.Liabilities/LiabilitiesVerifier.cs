// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Liabilities;

/// <summary>
/// Verifies a round bundle of either mode, chosen by its manifest's <c>mode</c> exactly as <c>por round verify</c>
/// does, and returns the liabilities it proves: transparent bundles through <see cref="RoundVerifier"/> (every leaf,
/// node, total and the root recomputed), zk bundles through <see cref="ZkRoundBundleVerifier"/> (every batch proof
/// under its pinned parameter set, the chain, the proven totals and the root).
/// </summary>
public static class LiabilitiesVerifier
{
    /// <summary>Verifies the bundle in <paramref name="directory"/>.</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="allowTestParameters">Accept a zk bundle proven with a test-only parameter set (tests only).</param>
    /// <param name="cancellationToken">Cancels a transparent verification.</param>
    /// <returns>The proven liabilities.</returns>
    /// <exception cref="InvalidDataException">The bundle fails verification (the message names the first failed check).</exception>
    /// <exception cref="InputException">The manifest is missing or malformed, or names an unknown mode or parameter set.</exception>
    public static VerifiedLiabilities Verify(string directory, bool allowTestParameters = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (RoundModes.ReadManifest(Path.Combine(directory, BundleLayout.Manifest)) == RoundMode.Zk)
        {
            var zk = ZkRoundBundleVerifier.Verify(directory, allowTestParameters);
            return zk.Liabilities ?? throw Failed(directory, zk.Failure);
        }

        var round = RoundVerifier.Verify(directory, null, cancellationToken);
        return round.Liabilities ?? throw Failed(directory, round.Failure);
    }

    private static InvalidDataException Failed(string directory, string? failure) => new($"round bundle {directory} failed verification: {failure}");
}
