// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>
/// Exports one customer's zk inclusion file from a bundle with its private openings: find the customer's leaf,
/// recompute their batch tree from the batch's openings (its root must be the batch statement's), take the top path
/// from the published batch statements, and verify the result against the manifest before returning it.
/// </summary>
public static class ZkInclusionExporter
{
    /// <summary>Exports the file of <paramref name="accountId"/>.</summary>
    /// <param name="directory">The bundle directory (with <see cref="ZkBundleLayout.Openings"/>).</param>
    /// <param name="accountId">The customer's raw account id.</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <returns>The file, or null when the account is not in the round.</returns>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    /// <exception cref="InputException">The manifest is malformed.</exception>
    public static ZkInclusionFile? Export(string directory, string accountId, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(accountId);
        var manifest = ZkRoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var header = manifest.Header;
        var openingsPath = Path.Combine(directory, ZkBundleLayout.Openings);
        if (!File.Exists(openingsPath))
        {
            throw new InvalidDataException($"{openingsPath}: missing (the operator's private openings are needed to export proofs)");
        }

        var id = Encoding.UTF8.GetBytes(accountId);
        int batchIndex = -1, leafIndex = -1;
        IReadOnlyList<ZkOpening> batch = [];
        var openingsHeader = ZkOpeningsFile.Read(openingsPath, (b, leaves) =>
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                if (leaves[i].AccountId is { } candidate && candidate.AsSpan().SequenceEqual(id))
                {
                    (batchIndex, leafIndex, batch) = (b, i, leaves);
                    return false;
                }
            }

            return true;
        });
        if (!string.Equals(openingsHeader.ParameterSetId, header.ParameterSetId, StringComparison.Ordinal)
            || openingsHeader.BatchCount != header.BatchCount || !openingsHeader.ContextDigest.AsSpan().SequenceEqual(header.ContextDigest))
        {
            throw new InvalidDataException($"{openingsPath}: made for another round than the manifest's");
        }

        if (batchIndex < 0)
        {
            return null;
        }

        var statements = new ZkBatchStatement[header.BatchCount];
        for (var b = 0; b < statements.Length; b++)
        {
            if (!ZkBatchStatement.TryParse(File.ReadAllBytes(Path.Combine(directory, ZkBundleLayout.Statement(b))), out var s))
            {
                throw new InvalidDataException($"{ZkBundleLayout.Statement(b)}: malformed statement");
            }

            statements[b] = s;
        }

        var batchLevels = ZkRoundTree.Levels([.. batch.Select(o => o.Leaf())]);
        if (!batchLevels[^1][0].AsSpan().SequenceEqual(statements[batchIndex].Root))
        {
            throw new InvalidDataException($"batch {batchIndex}: the openings do not give the proven batch root");
        }

        var topLevels = ZkRoundTree.Levels([.. statements.Select(s => s.Root)]);
        var opening = batch[leafIndex];
        var proof = new ZkInclusionProof(
            header.ParameterSetId, id, opening.Salt!, opening.Holdings, batchIndex, header.BatchCount, leafIndex,
            ZkRoundTree.Path(batchLevels, leafIndex), ZkRoundTree.Path(topLevels, batchIndex));
        var file = new ZkInclusionFile(header, proof);
        var check = ZkInclusionFileVerifier.Verify(file, header, allowTestParameters);
        return check.IsValid ? file : throw new InvalidDataException($"the exported proof does not verify: {check.Failure}");
    }
}
