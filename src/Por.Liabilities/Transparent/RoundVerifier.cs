// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>
/// The auditor's check of a whole round bundle: the manifest lists exactly the store files with matching sizes and
/// SHA-256; every leaf is canonical and its commitment unique; every node and total is recomputed from the leaves and
/// must equal, byte for byte, the stored nodes; the recomputed root must equal the manifest's.
/// </summary>
public static class RoundVerifier
{
    private static readonly string[] s_requiredFiles = [TransparentBundleLayout.Leaves, TransparentBundleLayout.Nodes];

    /// <summary>Verifies the bundle in <paramref name="directory"/>.</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="progress">Receives leaf counts as the tree is recomputed; may be null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The verdict. A malformed manifest throws <see cref="InputException"/>.</returns>
    public static RoundVerification Verify(string directory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = RoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var fileFailure = CheckFiles(directory, manifest);
        if (fileFailure is not null)
        {
            return new RoundVerification(fileFailure.Value.Failure, fileFailure.Value.Message, manifest, 0);
        }

        var header = manifest.Header;
        try
        {
            using var leaves = new LeafStoreReader(Path.Combine(directory, TransparentBundleLayout.Leaves));
            if (leaves.LeafCount != header.AccountCount)
            {
                return new RoundVerification(BundleFailure.StoreInconsistent, $"the store holds {leaves.LeafCount} leaves but the manifest says {header.AccountCount} accounts", manifest, 0);
            }

            if (leaves.AssetCount != header.Assets.Count)
            {
                return new RoundVerification(BundleFailure.StoreInconsistent, "the store's asset count differs from the manifest's", manifest, 0);
            }

            var commitments = new UInt128[header.AccountCount];
            long seen = 0;
            using var nodes = new FileStream(Path.Combine(directory, TransparentBundleLayout.Nodes), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var compare = new ComparingStream(nodes);
            var tempDir = Directory.CreateTempSubdirectory("por-verify-");
            SumTreeResult tree;
            try
            {
                tree = new SumTreeComputer(header.AccountCount, header.Assets.Count).Run(leaves, compare, tempDir.FullName, block =>
                {
                    for (var i = 0; i < block.Count; i++)
                    {
                        commitments[seen++] = BinaryPrimitives.ReadUInt128BigEndian(block.Commitment(i));
                    }
                }, progress, cancellationToken);
            }
            finally
            {
                tempDir.Delete(recursive: true);
            }

            if (compare.FirstDifference >= 0 || compare.ExpectedIsLonger)
            {
                return new RoundVerification(BundleFailure.NodesMismatch, $"{TransparentBundleLayout.Nodes} differs from the recomputed tree at byte {(compare.FirstDifference >= 0 ? compare.FirstDifference : compare.Length)}", manifest, seen);
            }

            Array.Sort(commitments);
            for (var i = 1; i < commitments.Length; i++)
            {
                if (commitments[i] == commitments[i - 1])
                {
                    return new RoundVerification(BundleFailure.DuplicateAccount, "two leaves share an account commitment (one account shown twice)", manifest, seen);
                }
            }

            for (var a = 0; a < header.Assets.Count; a++)
            {
                if (tree.Totals[a] != header.Totals[a])
                {
                    var asset = header.Assets[a];
                    return new RoundVerification(BundleFailure.TotalMismatch, $"total of {asset.Symbol}: the leaves sum to {Amount.Format(tree.Totals[a], asset.Decimals)}, the manifest says {Amount.Format(header.Totals[a], asset.Decimals)}", manifest, seen);
                }
            }

            var root = SumTreeHashing.Root(header.Descriptor, tree.TopDigest, tree.Totals);
            if (!root.AsSpan().SequenceEqual([.. header.Root]))
            {
                return new RoundVerification(BundleFailure.RootMismatch, "the recomputed root differs from the manifest's root", manifest, seen);
            }

            return new RoundVerification(BundleFailure.None, "", manifest, seen) { Liabilities = Verified(manifest, seen) };
        }
        catch (InvalidDataException e)
        {
            return new RoundVerification(BundleFailure.StoreInconsistent, e.Message, manifest, 0);
        }
    }

    private static (BundleFailure Failure, string Message)? CheckFiles(string directory, RoundManifest manifest)
    {
        var listed = manifest.Files.Select(f => f.Path).ToList();
        if (listed.Distinct(StringComparer.Ordinal).Count() != listed.Count || !s_requiredFiles.All(listed.Contains)
            || listed.Any(p => !s_requiredFiles.Contains(p) && !string.Equals(p, TransparentBundleLayout.Accounts, StringComparison.Ordinal)))
        {
            return (BundleFailure.FileListInvalid, $"the manifest must list {string.Join(" and ", s_requiredFiles)} (and optionally {TransparentBundleLayout.Accounts}), each once");
        }

        // The operator's private index is not given to auditors.
        return BundleFiles.Check(directory, manifest.Files, path => string.Equals(path, TransparentBundleLayout.Accounts, StringComparison.Ordinal));
    }

    /// <summary>The liabilities of a transparent bundle this verifier has fully verified.</summary>
    private static VerifiedLiabilities Verified(RoundManifest manifest, long leavesChecked)
    {
        var h = manifest.Header;
        return new VerifiedLiabilities(RoundMode.Transparent, h.RoundId, h.SnapshotTime, h.Assets, h.Totals, Convert.ToHexStringLower([.. h.Root]), leavesChecked)
        {
            AccountCount = h.AccountCount,
        };
    }
}
