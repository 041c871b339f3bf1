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
    public static LiabilitiesVerification Verify(string directory, bool allowTestParameters = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (RoundModes.ReadManifest(Path.Combine(directory, BundleLayout.Manifest)) == RoundMode.Zk)
        {
            var zk = ZkRoundBundleVerifier.Verify(directory, allowTestParameters);
            return new LiabilitiesVerification(RoundMode.Zk, zk.Failure, zk.Message, zk.Liabilities);
        }

        var round = RoundVerifier.Verify(directory, null, cancellationToken);
        return new LiabilitiesVerification(RoundMode.Transparent, round.Failure, round.Message, round.Liabilities);
    }
}
