// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Exports one customer's inclusion proof from a round bundle in constant work: find the leaf and salt in the private
/// index, recompute the 64-leaf block around the leaf for the lowest six siblings, read the rest from the node store.
/// The proof is verified before it is returned.
/// </summary>
public static class InclusionExporter
{
    /// <summary>Exports the proof of <paramref name="accountId"/>.</summary>
    /// <param name="directory">The bundle directory (with its private index).</param>
    /// <param name="accountId">The customer's raw account id.</param>
    /// <returns>The proof, or null when the account is not in the round.</returns>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    public static InclusionProof? Export(string directory, string accountId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(accountId);
        var manifest = RoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var header = manifest.Header;
        var accountsPath = Path.Combine(directory, TransparentBundleLayout.Accounts);
        if (!File.Exists(accountsPath))
        {
            throw new InvalidDataException($"{accountsPath}: missing (the operator's private index is needed to export proofs)");
        }

        if (!AccountIndex.TryFind(accountsPath, accountId, out var leaf, out var salt))
        {
            return null;
        }

        var a = header.Assets.Count;
        var depth = SumTreeHashing.DepthFor(header.AccountCount);
        using var leaves = new LeafStoreReader(Path.Combine(directory, TransparentBundleLayout.Leaves));
        var block = new LeafBlock(LeafStoreFormat.BlockSize);
        var blockIndex = leaf / LeafStoreFormat.BlockSize;
        leaves.ReadBlock(blockIndex, block);
        var offset = (int)(leaf % LeafStoreFormat.BlockSize);
        Span<byte> commitment = stackalloc byte[SumTreeHashing.DigestSize];
        SumTreeHashing.Commitment(Encoding.UTF8.GetBytes(header.RoundId), Encoding.UTF8.GetBytes(accountId), salt, commitment);
        if (!commitment.SequenceEqual(block.Commitment(offset)))
        {
            throw new InvalidDataException("the stored commitment does not match the account id and salt");
        }

        var balances = block.Holdings(offset).ToArray();
        var path = new List<PathStep>(depth);
        var lowLevels = Math.Min(LeafStoreFormat.BlockLevel, depth);
        var width = 1 << lowLevels;
        var digests = new byte[width * SumTreeHashing.DigestSize];
        var sums = new ulong[width * a];
        var scratch = new byte[Math.Max(SumTreeHashing.NodeScratchSize(a), 1 + SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(a))];
        for (var i = 0; i < width; i++)
        {
            var d = digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize);
            if (i < block.Count)
            {
                SumTreeHashing.LeafDigest(block.Commitment(i), block.Holdings(i), scratch, d);
                foreach (var h in block.Holdings(i))
                {
                    sums[(i * a) + h.Asset] = h.Amount;
                }
            }
            else
            {
                SumTreeHashing.PaddingDigest(0).CopyTo(d);
            }
        }

        var position = offset;
        for (var level = 0; level < lowLevels; level++)
        {
            var sibling = position ^ 1;
            path.Add(new PathStep(digests.AsSpan(sibling * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize).ToArray(), sums.AsSpan(sibling * a, a).ToArray()));
            var size = width >> (level + 1);
            for (var i = 0; i < size; i++)
            {
                SumTreeHashing.NodeDigest(
                    digests.AsSpan(2 * i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(2 * i * a, a),
                    digests.AsSpan(((2 * i) + 1) * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(((2 * i) + 1) * a, a),
                    scratch, digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize));
                for (var j = 0; j < a; j++)
                {
                    sums[(i * a) + j] = checked(sums[(2 * i * a) + j] + sums[(((2 * i) + 1) * a) + j]);
                }
            }

            position >>= 1;
        }

        if (depth > lowLevels)
        {
            using var nodes = new NodeStoreReader(Path.Combine(directory, TransparentBundleLayout.Nodes));
            if (nodes.Depth != depth || nodes.AssetCount != a)
            {
                throw new InvalidDataException("the node store does not match the manifest");
            }

            var digest = new byte[SumTreeHashing.DigestSize];
            var nodeSums = new ulong[a];
            nodes.Read(lowLevels, blockIndex, digest, nodeSums);
            if (!digest.AsSpan().SequenceEqual(digests.AsSpan(0, SumTreeHashing.DigestSize)))
            {
                throw new InvalidDataException("the node store disagrees with the leaves");
            }

            for (var level = lowLevels; level < depth; level++)
            {
                nodes.Read(level, (leaf >> level) ^ 1, digest, nodeSums);
                path.Add(new PathStep(digest.ToArray(), nodeSums.ToArray()));
            }
        }

        var proof = new InclusionProof(header, accountId, salt, leaf, balances, path);
        var check = InclusionVerifier.Verify(proof, header);
        return check.IsValid ? proof : throw new InvalidDataException($"the exported proof does not verify: {check.Failure}");
    }
}
