// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>
/// The customer's check of a zk inclusion file: given a published manifest, the file's round header must equal it;
/// the header's published root must commit to its round id, snapshot time, assets, totals, parameter set, batch count
/// and tree root (<see cref="ZkRoundRoot"/>), so the file binds its round on its own; then the opening and both paths
/// must lead to the tree root, with the batch count and the parameter set's batch depth taken from the header and the
/// pinned set, never from the proof.
/// </summary>
public static class ZkInclusionFileVerifier
{
    /// <summary>Verifies a parsed file.</summary>
    /// <param name="file">The customer's file.</param>
    /// <param name="published">The published manifest's header, or null to check the file alone.</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <returns>The outcome; never throws for a bad proof.</returns>
    public static InclusionVerification Verify(ZkInclusionFile file, ZkRoundHeader? published, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Check(file, published, allowTestParameters) is { } failure
            ? new InclusionVerification(failure.Failure, failure.Message, published is not null)
            : new InclusionVerification(InclusionFailure.None, "", published is not null);
    }

    private static (InclusionFailure Failure, string Message)? Check(ZkInclusionFile file, ZkRoundHeader? published, bool allowTestParameters)
    {
        if (published is not null && file.Header.Differences(published) is { Count: > 0 } differences)
        {
            return (InclusionFailure.RoundMismatch, $"the round in the file differs from the published manifest: {string.Join(", ", differences)}");
        }

        var header = published ?? file.Header;
        var parameters = ZkParameterSet.Find(header.ParameterSetId);
        if (parameters is null || (parameters.IsTestOnly && !allowTestParameters))
        {
            return (InclusionFailure.TestParametersRefused, $"parameter set '{header.ParameterSetId}' is unknown or for tests only; refused");
        }

        if (!header.IsRootBound)
        {
            return (InclusionFailure.RootNotBound, "root does not commit to the file's round fields (round id, snapshot time, assets, totals, parameter set, batch count, tree root)");
        }

        return ZkInclusionVerifier.Verify(file.Proof, header.TreeRoot, header.BatchCount, header.ParameterSetId);
    }
}
